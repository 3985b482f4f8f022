/** Periodic Hann window (torch.hann_window): w[i] = 0.5 − 0.5·cos(2πi/n). */
export function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/**
 * Sample i of x after centred reflect padding by `pad` on both sides (index i counts from the
 * start of the padded signal). Reflects as often as needed, so signals shorter than the pad work.
 */
export function reflectAt(x: Float32Array, i: number, pad: number): number {
  const n = x.length;
  if (n === 1) return x[0];
  let j = i - pad;
  const period = 2 * (n - 1);
  j = ((j % period) + period) % period;
  return x[j < n ? j : period - j];
}
