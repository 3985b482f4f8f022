import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '@vrvq/core';
import { type CancelToken, type ProgressFn, yieldToEvents } from './cancel.js';
import { planWindows, windowing } from './windows.js';

/**
 * Decodes one channel (frame-major codes [T][N_q], counts [T]) to model-rate audio of T·hop
 * samples in model windows with receptive-field context (equal to decoding all frames at once),
 * reading with `await data()` and yielding between windows so a cancel can arrive.
 */
export async function synthesizeChannel(
  codec: VrvqCodec,
  codes: Int32Array,
  counts: Uint8Array,
  opts: { token: CancelToken; onProgress?: ProgressFn; windowFrames?: number },
): Promise<Float32Array> {
  const nq = codec.preset.nCodebooks;
  const hop = codec.hop;
  const T = counts.length;
  const w = windowing(codec, opts.windowFrames);
  const out = new Float32Array(T * hop);
  opts.onProgress?.(0, T);
  for (const win of planWindows(T, w.window, w.synthesis)) {
    await yieldToEvents();
    opts.token.throwIfCancelled();
    const n = win.to - win.from;
    const skip = win.keep - win.from;
    // Read the whole window back before disposing anything, cut on the CPU (see analysis.ts).
    const c = tf.tensor3d(transposeToLevels(codes, win.from, n, nq), [1, nq, n], 'int32'); // [1, Nq, n]
    const k = tf.tensor2d(Int32Array.from(counts.subarray(win.from, win.to)), [1, n], 'int32'); // [1, n]
    const y = codec.decodeCodes(c, k); // [1, n·hop, 1]
    try {
      const v = (await y.data()) as Float32Array;
      out.set(v.subarray(skip * hop, (skip + win.take) * hop), win.keep * hop);
    } finally {
      tf.dispose([c, k, y]);
    }
    opts.onProgress?.(win.keep + win.take, T);
  }
  return out;
}

/** Frame-major codes [T][Nq] of frames [from, from + n) → level-major [Nq][n]. */
function transposeToLevels(codes: Int32Array, from: number, n: number, nq: number): Int32Array {
  const out = new Int32Array(nq * n);
  for (let t = 0; t < n; t++) for (let k = 0; k < nq; k++) out[k * n + t] = codes[(from + t) * nq + k];
  return out;
}
