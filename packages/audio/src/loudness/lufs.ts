import { AudioError } from '../errors.js';
import { kWeight } from './k-weighting.js';

const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1; // 75 % overlap
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

function blockLoudness(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/**
 * ITU-R BS.1770-4 integrated loudness of a mono signal in LUFS: K-weighting, mean square over 400 ms
 * blocks every 100 ms, absolute gate at −70 LUFS, then relative gate 10 LU below the loudness of the
 * blocks that passed. A 997 Hz sine with 0 dBFS peak reads −3.01 LUFS.
 *
 * Conventions: a signal shorter than 400 ms is measured as one block zero-padded to 400 ms (as
 * audiotools does for short excerpts). Silence — no block above −70 LUFS, or an empty signal —
 * returns `-Infinity` (not a −70 floor), so `loudness < threshold` tests work and gains computed from
 * it must be guarded.
 */
export function loudnessLufs(x: Float32Array, sampleRate: number): number {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw new AudioError('invalid_argument', `Sample rate must be positive, got ${sampleRate}.`);
  }
  if (x.length === 0) return Number.NEGATIVE_INFINITY;
  const y = kWeight(x, sampleRate);
  // Prefix sums of y² make every block an O(1) difference.
  const prefix = new Float64Array(y.length + 1);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new AudioError('invalid_sample', `Sample ${i} is not finite; loudness is undefined.`);
    prefix[i + 1] = prefix[i] + v * v;
  }
  const block = Math.round(BLOCK_SECONDS * sampleRate);
  const step = Math.round(STEP_SECONDS * sampleRate);
  const energies: number[] = [];
  if (y.length <= block) energies.push(prefix[y.length] / block);
  else for (let s = 0; s + block <= y.length; s += step) energies.push((prefix[s + block] - prefix[s]) / block);
  const gated = (threshold: number) => energies.filter((z) => z > 0 && blockLoudness(z) > threshold);
  const passAbsolute = gated(ABSOLUTE_GATE_LUFS);
  if (passAbsolute.length === 0) return Number.NEGATIVE_INFINITY;
  const relative = blockLoudness(passAbsolute.reduce((a, b) => a + b, 0) / passAbsolute.length) + RELATIVE_GATE_LU;
  const passBoth = passAbsolute.filter((z) => blockLoudness(z) > relative);
  return blockLoudness(passBoth.reduce((a, b) => a + b, 0) / passBoth.length);
}
