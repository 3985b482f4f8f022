import type { ModelPreset } from '../presets/types.js';
import { hopLength } from '../presets/validate.js';

/** Floats of the largest activation per window, which the default window size is held to (32 MiB). */
export const WINDOW_BUDGET_FLOATS = 2 ** 23;

/** The largest activation per frame (floats): encoder stages at their rates and widths. */
function encoderFloatsPerFrame(p: ModelPreset): number {
  let rate = hopLength(p); // samples per frame at the current stage
  let dim = p.encoderDim; // channels of the stage's residual units
  let most = rate * dim;
  for (const s of p.encoderRates) {
    most = Math.max(most, rate * dim);
    rate /= s;
    dim *= 2;
  }
  return most;
}

/** The largest activation per frame (floats): each decoder block's transposed-conv columns (2·u·C). */
function decoderFloatsPerFrame(p: ModelPreset): number {
  let up = 1;
  let dim = p.decoderDim;
  let most = p.decoderDim;
  for (const s of p.decoderRates) {
    up *= s;
    dim /= 2;
    most = Math.max(most, 2 * up * dim);
  }
  return most;
}

/**
 * Default frames per model call for streaming analysis or synthesis: the power of two in
 * [256, 1024] that keeps the largest activation within `WINDOW_BUDGET_FLOATS`. Small models get
 * long windows (less context recomputed at window edges), large ones the 256 frames they had.
 */
export function defaultWindowFrames(p: ModelPreset, side: 'analysis' | 'synthesis'): number {
  const perFrame = side === 'analysis' ? encoderFloatsPerFrame(p) : decoderFloatsPerFrame(p);
  let frames = 256;
  while (frames < 1024 && 2 * frames * perFrame <= WINDOW_BUDGET_FLOATS) frames *= 2;
  return frames;
}
