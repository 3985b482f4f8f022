import { type VrvqCodec, contextFrames } from '@vrvq/core';

/** One model call: frames [from, to) go in, frames [keep, keep + take) come out. */
export interface Window {
  from: number;
  to: number;
  keep: number;
  take: number;
}

/**
 * The model calls that cover `total` frames in windows of `window` frames with `context` frames of
 * receptive field on each side — the same windows `@vrvq/core`'s streaming analyzer and
 * synthesizer use, so the result equals processing everything at once.
 */
export function planWindows(total: number, window: number, context: number): Window[] {
  const out: Window[] = [];
  for (let keep = 0; keep < total; keep += window) {
    const from = Math.max(0, keep - context);
    const to = Math.min(total, keep + window + context);
    out.push({ from, to, keep, take: Math.min(window, total - keep) });
  }
  return out;
}

/** Default model-call size and the codec's context for analysis and synthesis. */
export function windowing(codec: VrvqCodec, windowFrames = 256): { window: number; analysis: number; synthesis: number } {
  const c = contextFrames(codec.preset);
  return { window: windowFrames, analysis: c.analysis, synthesis: c.synthesis };
}
