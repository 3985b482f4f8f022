// Test helper: float64 STFT straight from the definition (torch.stft center=True, reflect
// padding, periodic Hann; audiotools' match_stride variant). Not exported from the package.

export function referenceStft(x: ArrayLike<number>, win: number, hop: number, matchStride: boolean): { re: number[][]; im: number[][] } {
  const reflect = (s: number[], l: number, r: number): number[] => {
    const out: number[] = [];
    for (let i = l; i > 0; i--) out.push(s[i]);
    out.push(...s);
    for (let i = 1; i <= r; i++) out.push(s[s.length - 1 - i]);
    return out;
  };
  let s = Array.from(x as ArrayLike<number>);
  if (matchStride) {
    const right = Math.ceil(x.length / hop) * hop - x.length;
    const p = (win - hop) / 2;
    s = reflect(s, p, p + right);
  }
  s = reflect(s, win / 2, win / 2);
  const nFrames = 1 + Math.floor((s.length - win) / hop);
  const k = win / 2 + 1;
  const re: number[][] = [];
  const im: number[][] = [];
  for (let f = 0; f < nFrames; f++) {
    const r = new Array(k).fill(0);
    const m = new Array(k).fill(0);
    for (let b = 0; b < k; b++) {
      for (let n = 0; n < win; n++) {
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / win);
        const v = w * s[f * hop + n];
        r[b] += v * Math.cos((2 * Math.PI * b * n) / win);
        m[b] -= v * Math.sin((2 * Math.PI * b * n) / win);
      }
    }
    re.push(r);
    im.push(m);
  }
  if (matchStride) return { re: re.slice(2, -2), im: im.slice(2, -2) };
  return { re, im };
}


/** |STFT| in float64: [F][K]. */
export function referenceMagnitude(x: ArrayLike<number>, win: number, hop: number): number[][] {
  const { re, im } = referenceStft(x, win, hop, false);
  return re.map((row, f) => row.map((r, k) => Math.hypot(r, im[f][k])));
}
