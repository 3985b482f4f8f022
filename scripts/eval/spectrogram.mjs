// Display spectrogram on plain arrays: radix-2 FFT, Hann window, one column per codec frame.

/**
 * In-place iterative radix-2 FFT.
 * @param {Float64Array} re length a power of two
 * @param {Float64Array} im
 */
export function fft(re, im) {
  const n = re.length;
  if (n & (n - 1)) throw new RangeError(`FFT size must be a power of two, got ${n}.`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const ar = re[i + k + len / 2];
        const ai = im[i + k + len / 2];
        const tr = ar * wr - ai * wi;
        const ti = ar * wi + ai * wr;
        re[i + k + len / 2] = re[i + k] - tr;
        im[i + k + len / 2] = im[i + k] - ti;
        re[i + k] += tr;
        im[i + k] += ti;
      }
    }
  }
}

/**
 * Power spectrogram in dB, one column per hop, window centred on the middle of each hop (so
 * column t lines up with codec frame t), zero-padded at the edges.
 * @param {Float32Array} x
 * @param {{ hop: number, nFft: number }} opts
 * @returns {{ frames: number, bins: number, db: Float32Array }} db[t·bins + f], f = 0…nFft/2
 */
export function spectrogramDb(x, { hop, nFft }) {
  const frames = Math.floor(x.length / hop);
  const bins = nFft / 2 + 1;
  const db = new Float32Array(frames * bins);
  const win = Float64Array.from({ length: nFft }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft));
  const re = new Float64Array(nFft);
  const im = new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    const start = Math.round(t * hop + hop / 2 - nFft / 2);
    for (let i = 0; i < nFft; i++) {
      const s = start + i;
      re[i] = s >= 0 && s < x.length ? x[s] * win[i] : 0;
      im[i] = 0;
    }
    fft(re, im);
    for (let f = 0; f < bins; f++) db[t * bins + f] = 10 * Math.log10(re[f] * re[f] + im[f] * im[f] + 1e-12);
  }
  return { frames, bins, db };
}
