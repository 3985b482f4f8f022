/** Test helpers: deterministic signals and measurements (no randomness from Math.random). */

export function sine(n: number, freq: number, rate: number, amplitude = 1, phase = 0): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return x;
}

/** Deterministic uniform noise in [-amplitude, amplitude] (xorshift32). */
export function noise(n: number, amplitude = 1, seed = 12345): Float32Array {
  let s = seed >>> 0 || 1;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    x[i] = amplitude * ((s / 0xffffffff) * 2 - 1);
  }
  return x;
}

/**
 * Joint least-squares fit x[i] ≈ Σ_k (a_k·sin(ω_k i) + b_k·cos(ω_k i)) + c over [from, to): returns
 * each frequency's amplitude √(a_k²+b_k²) and the RMS of the residual (small only when the listed
 * frequencies are all that is there).
 */
export function fitSines(
  x: ArrayLike<number>,
  freqs: number[],
  rate: number,
  from = 0,
  to = x.length,
): { amplitudes: number[]; residualRms: number } {
  const k = 2 * freqs.length + 1;
  const basis = (i: number) => [...freqs.flatMap((f) => [Math.sin((2 * Math.PI * f * i) / rate), Math.cos((2 * Math.PI * f * i) / rate)]), 1];
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const v = new Array<number>(k).fill(0);
  for (let i = from; i < to; i++) {
    const b = basis(i);
    for (let r = 0; r < k; r++) {
      v[r] += b[r] * x[i];
      for (let c = 0; c < k; c++) m[r][c] += b[r] * b[c];
    }
  }
  const coef = solve(m, v);
  let res = 0;
  for (let i = from; i < to; i++) {
    const b = basis(i);
    let model = 0;
    for (let r = 0; r < k; r++) model += coef[r] * b[r];
    res += (x[i] - model) ** 2;
  }
  return { amplitudes: freqs.map((_, j) => Math.hypot(coef[2 * j], coef[2 * j + 1])), residualRms: Math.sqrt(res / (to - from)) };
}

/** Fit of a single sine (see fitSines). */
export function fitSine(x: ArrayLike<number>, freq: number, rate: number, from = 0, to = x.length): { amplitude: number; residualRms: number } {
  const r = fitSines(x, [freq], rate, from, to);
  return { amplitude: r.amplitudes[0], residualRms: r.residualRms };
}

/** Gaussian elimination with partial pivoting. */
function solve(m: number[][], v: number[]): number[] {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / (to - from));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export const db = (ratio: number) => 20 * Math.log10(ratio);
