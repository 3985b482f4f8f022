/**
 * Scale-invariant signal-to-distortion ratio in dB, the DAC / audiotools `SISDRLoss` with the sign
 * flipped (zero-mean signals, ε = 1e-8, sums in float64):
 * α = (⟨e, r⟩ + ε) / (‖r‖² + ε), SI-SDR = 10·log10(‖αr‖² / (‖e − αr‖² + ε) + ε), where r and e are
 * the reference and the estimate minus their means. Higher is better; the estimate's gain and DC
 * offset do not matter; ε puts a floor of −80 dB under it (also the value for empty input). Uses the
 * common length of the two signals.
 */
export function siSdr(estimate: ArrayLike<number>, reference: ArrayLike<number>): number {
  const n = Math.min(estimate.length, reference.length);
  let me = 0;
  let mr = 0;
  for (let i = 0; i < n; i++) {
    me += estimate[i];
    mr += reference[i];
  }
  me /= n;
  mr /= n;
  let dot = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    const r = reference[i] - mr;
    dot += (estimate[i] - me) * r;
    rr += r * r;
  }
  const eps = 1e-8;
  const alpha = (dot + eps) / (rr + eps);
  let sig = 0;
  let err = 0;
  for (let i = 0; i < n; i++) {
    const t = alpha * (reference[i] - mr);
    const e = estimate[i] - me - t;
    sig += t * t;
    err += e * e;
  }
  return 10 * Math.log10(sig / (err + eps) + eps);
}
