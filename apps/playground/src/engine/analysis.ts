import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '@vrvq/core';
import { PlaygroundError } from '../errors.js';
import { type CancelToken, type ProgressFn, yieldToEvents } from './cancel.js';
import { planWindows, windowing } from './windows.js';

/** The cached encoder output of one channel: everything any bitrate needs, no re-encoding. */
export interface ChannelAnalysis {
  frames: number;
  /** int32 frame-major [T][N_q]: codes[t·N_q + k] is level k of frame t. */
  codes: Int32Array;
  /** Importance p[t] ∈ (0, 1) per frame, or null (no subnet, or read from a file). */
  p: Float32Array | null;
  /** Codebooks stored per frame when the codes came from a file (decoding may not use more). */
  maxCounts?: Uint8Array;
}

/**
 * Encodes a mono model-rate signal (right-padded with zeros to a whole number of frames) in model
 * windows with receptive-field context, so the result equals encoding it whole while memory stays
 * bounded by one window. Reads results with `await data()` — `@vrvq/core`'s StreamingAnalyzer
 * reads with `dataSync()`, which returns zeros on WebGPU in Chromium — and yields between windows
 * so a cancel can arrive.
 */
export async function analyzeSignal(
  codec: VrvqCodec,
  signal: Float32Array,
  opts: { token: CancelToken; onProgress?: ProgressFn; windowFrames?: number },
): Promise<ChannelAnalysis> {
  const hop = codec.hop;
  const nq = codec.preset.nCodebooks;
  const total = Math.ceil(signal.length / hop);
  const padded = new Float32Array(total * hop);
  padded.set(signal);
  const w = windowing(codec, opts.windowFrames);
  const codes = new Int32Array(total * nq);
  const p = codec.supportsVbr ? new Float32Array(total) : null;
  opts.onProgress?.(0, total);
  for (const win of planWindows(total, w.window, w.analysis)) {
    await yieldToEvents();
    opts.token.throwIfCancelled();
    const skip = win.keep - win.from;
    const n = win.to - win.from;
    // Whole-window results are read back before anything is disposed and cut on the CPU: slicing
    // on the GPU and disposing the parents at once gave intermittently wrong values on WebGPU.
    const x = tf.tensor3d(padded.subarray(win.from * hop, win.to * hop), [1, n * hop, 1]); // [1, N, 1]
    const r = codec.analyze(x); // codes int32 [1, Nq, n], p [1, n, 1]
    try {
      const [c, pp] = await Promise.all([r.codes.data(), r.p ? r.p.data() : Promise.resolve(null)]);
      for (let t = 0; t < win.take; t++) {
        for (let k = 0; k < nq; k++) codes[(win.keep + t) * nq + k] = c[k * n + skip + t];
      }
      if (p && pp) p.set((pp as Float32Array).subarray(skip, skip + win.take), win.keep);
    } finally {
      tf.dispose([x, r.codes, ...(r.p ? [r.p] : [])]);
    }
    opts.onProgress?.(win.keep + win.take, total);
  }
  checkAnalysis(codes, p, codec.preset.codebookSize);
  return { frames: total, codes, p };
}

/** Refuses impossible encoder output (seen from a faulty backend) instead of letting it reach the UI. */
export function checkAnalysis(codes: Int32Array, p: Float32Array | null, codebookSize: number): void {
  for (let i = 0; i < codes.length; i++) {
    if (!(codes[i] >= 0 && codes[i] < codebookSize)) {
      throw new PlaygroundError('BAD_OUTPUT', `The backend returned an impossible code (${codes[i]}): its results cannot be trusted. Switch to WASM.`);
    }
  }
  if (p) {
    for (let t = 0; t < p.length; t++) {
      if (!(p[t] >= 0 && p[t] <= 1)) {
        throw new PlaygroundError('BAD_OUTPUT', `The backend returned an impossible importance p = ${p[t]} at frame ${t}: its results cannot be trusted. Switch to WASM.`);
      }
    }
  }
}
