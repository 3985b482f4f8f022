import { BLOCK_DILATIONS } from '../nn/blocks.js';
import type { ModelPreset } from '../presets/types.js';
import { hopLength } from '../presets/validate.js';

const RU_SPAN = BLOCK_DILATIONS.reduce((a, d) => a + 6 * d, 0); // k=7 convs: (k−1)·d per unit

/**
 * Frames of context each side of a window that make windowed processing equal to processing the
 * whole signal at once: an upper bound of the receptive field (full kernel spans, not half spans),
 * in frames, plus a small margin.
 */
export function contextFrames(p: ModelPreset): { analysis: number; synthesis: number } {
  const hop = hopLength(p);
  // Encoder, in input samples.
  let span = 6; // input conv k7
  let j = 1; // input samples per element at the current layer
  for (const s of p.encoderRates) {
    span += RU_SPAN * j + (2 * s - 1) * j; // three residual units, then the strided conv k = 2s
    j *= s;
  }
  span += 2 * j; // output conv k3
  const subnet = p.importanceChannels ? 2 * (p.importanceChannels.length + 1) : 0; // k3 convs at frame rate
  const analysis = Math.ceil(span / hop) + subnet + 2;

  // Decoder, in output samples.
  let dspan = 6 * hop; // input conv k7 at frame rate
  let jin = hop;
  for (const s of p.decoderRates) {
    dspan += 2 * jin; // a transposed conv k = 2s reads two input elements per output
    jin /= s;
    dspan += RU_SPAN * jin;
  }
  dspan += 6; // output conv k7
  const synthesis = Math.ceil(dspan / hop) + 2;
  return { analysis, synthesis };
}
