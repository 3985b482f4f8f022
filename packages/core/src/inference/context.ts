import { BLOCK_DILATIONS } from '../nn/blocks.js';
import type { ModelPreset } from '../presets/types.js';
import { hopLength } from '../presets/validate.js';

/** Reach of one residual-unit stack (k = 7 convs, padding 3d): 3·d per unit, on each side. */
const RU_REACH = BLOCK_DILATIONS.reduce((a, d) => a + 3 * d, 0);

/** Frames of margin added to the exact receptive field on each side. */
const MARGIN = 1;

/**
 * How far (in samples at the model's rate) one output sample of the encoder reads to the left
 * and right of its own position, and one output sample of the decoder to the left and right of
 * the frame it belongs to. Every conv is "same"-padded around its output position: a k = 7 conv
 * with dilation d reads 3d elements each side; the strided conv (k = 2s, padding p = ⌈s/2⌉)
 * reads p elements before and 2s − 1 − p after; the transposed conv (same k, s, p) writes output
 * o from inputs t with o = t·s + m − p, m < 2s, i.e. reads 2s − 1 − p output steps to the
 * left and p to the right.
 */
export function receptiveField(p: ModelPreset): { encoder: [number, number]; decoder: [number, number] } {
  let left = 3; // input conv k7, at 1 sample per element
  let right = 3;
  let j = 1; // input samples per element at the current layer
  for (const s of p.encoderRates) {
    const pad = Math.ceil(s / 2);
    left += RU_REACH * j + pad * j;
    right += RU_REACH * j + (2 * s - 1 - pad) * j;
    j *= s;
  }
  left += j; // output conv k3
  right += j;

  const hop = hopLength(p);
  let dl = 3 * hop; // input conv k7 at frame rate
  let dr = 3 * hop;
  let jo = hop; // output samples per element
  for (const s of p.decoderRates) {
    const pad = Math.ceil(s / 2);
    jo /= s;
    dl += (2 * s - 1 - pad) * jo + RU_REACH * jo;
    dr += pad * jo + RU_REACH * jo;
  }
  dl += 3 * jo; // output conv k7
  dr += 3 * jo;
  return { encoder: [left, right], decoder: [dl, dr] };
}

/**
 * Frames of context each side of a window that make windowed processing equal to processing the
 * whole signal at once: the receptive field of `receptiveField` in frames (rounded up, the larger
 * side), the importance subnet's k = 3 convs at frame rate (one frame each), plus one frame of margin.
 * Exactly half the context of summing full kernel spans, so windows carry half the overhead.
 */
export function contextFrames(p: ModelPreset): { analysis: number; synthesis: number } {
  const hop = hopLength(p);
  const rf = receptiveField(p);
  const subnet = p.importanceChannels ? p.importanceChannels.length + 1 : 0;
  const analysis = Math.ceil(Math.max(...rf.encoder) / hop) + subnet + MARGIN;
  const synthesis = Math.ceil(Math.max(...rf.decoder) / hop) + MARGIN;
  return { analysis, synthesis };
}
