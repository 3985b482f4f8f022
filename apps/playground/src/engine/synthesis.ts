import { StreamingSynthesizer, type VrvqCodec } from '@vrvq/core';
import { type CancelToken, type ProgressFn, yieldToEvents } from './cancel.js';

/**
 * Decodes one channel (frame-major codes [T][N_q], counts [T]) to model-rate audio of T·hop
 * samples, in model windows, reporting frames done and yielding between windows.
 */
export async function synthesizeChannel(
  codec: VrvqCodec,
  codes: Int32Array,
  counts: Uint8Array,
  opts: { token: CancelToken; onProgress?: ProgressFn; windowFrames?: number },
): Promise<Float32Array> {
  const nq = codec.preset.nCodebooks;
  const T = counts.length;
  const synth = new StreamingSynthesizer(codec, { windowFrames: opts.windowFrames });
  const out = new Float32Array(T * codec.hop);
  let o = 0;
  const put = (x: Float32Array) => {
    out.set(x, o);
    o += x.length;
  };
  const step = synth.window;
  opts.onProgress?.(0, T);
  for (let t = 0; t < T; t += step) {
    await yieldToEvents();
    opts.token.throwIfCancelled();
    const e = Math.min(T, t + step);
    put(synth.push(counts.subarray(t, e), codes.subarray(t * nq, e * nq)));
    opts.onProgress?.(Math.floor(o / codec.hop), T);
  }
  await yieldToEvents();
  opts.token.throwIfCancelled();
  put(synth.finish());
  opts.onProgress?.(T, T);
  return out;
}
