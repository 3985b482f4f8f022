/** Deterministic test signals (a small LCG, so tests need no Math.random). */
export function noise(n: number, seed = 1, amp = 0.5): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = amp * (2 * (s / 2 ** 32) - 1);
  }
  return out;
}

export function sine(n: number, freq: number, sampleRate: number, amp = 1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sampleRate));
}
