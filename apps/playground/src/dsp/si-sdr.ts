/**
 * Scale-invariant signal-to-distortion ratio in dB (zero-mean signals, float64 sums):
 * target = α·ref with α = ⟨est, ref⟩ / ⟨ref, ref⟩, SI-SDR = 10·log10(‖target‖² / ‖est − target‖²).
 * Higher is better; the estimate's gain does not matter. Uses the common length.
 */
export function siSdr(ref: Float32Array, est: Float32Array): number {
  const n = Math.min(ref.length, est.length);
  let mr = 0;
  let me = 0;
  for (let i = 0; i < n; i++) {
    mr += ref[i];
    me += est[i];
  }
  mr /= n;
  me /= n;
  let dot = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    const r = ref[i] - mr;
    dot += (est[i] - me) * r;
    rr += r * r;
  }
  const eps = 1e-8;
  const alpha = (dot + eps) / (rr + eps);
  let sig = 0;
  let err = 0;
  for (let i = 0; i < n; i++) {
    const t = alpha * (ref[i] - mr);
    const e = est[i] - me - t;
    sig += t * t;
    err += e * e;
  }
  return 10 * Math.log10(sig / (err + eps) + eps);
}
