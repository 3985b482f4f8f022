/** One biquad section, normalised so a0 = 1: y = b0·x + b1·x₁ + b2·x₂ − a1·y₁ − a2·y₂. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/*
 * ITU-R BS.1770-4 K-weighting as two analog prototypes mapped with the bilinear transform, so any
 * sample rate works; at 48 kHz these reproduce the Recommendation's tabulated coefficients to ~1e-8.
 * Stage 1: high shelf, +3.9998 dB above ~1.68 kHz (head acoustics). Stage 2: RLB high-pass ~38 Hz.
 */
const SHELF = { gainDb: 3.999843853973347, q: 0.7071752369554196, fc: 1681.974450955533 };
const HIGHPASS = { q: 0.5003270373238773, fc: 38.13547087602444 };

export function kWeightingShelf(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * SHELF.fc) / sampleRate);
  const vh = 10 ** (SHELF.gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / SHELF.q + k * k;
  return {
    b0: (vh + (vb * k) / SHELF.q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF.q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF.q + k * k) / a0,
  };
}

export function kWeightingHighpass(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * HIGHPASS.fc) / sampleRate);
  const a0 = 1 + k / HIGHPASS.q + k * k;
  return {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGHPASS.q + k * k) / a0,
  };
}

/** Runs a biquad over x (direct form I, double precision state), writing into out (may alias x). */
export function biquad(f: Biquad, x: ArrayLike<number>, out: Float64Array): Float64Array {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const y0 = f.b0 * x0 + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    out[i] = y0;
  }
  return out;
}

/** K-weights a signal: shelf then high-pass. */
export function kWeight(x: Float32Array, sampleRate: number): Float64Array {
  const y = biquad(kWeightingShelf(sampleRate), x, new Float64Array(x.length));
  return biquad(kWeightingHighpass(sampleRate), y, y);
}
