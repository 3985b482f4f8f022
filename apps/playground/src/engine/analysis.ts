import { StreamingAnalyzer, type VrvqCodec } from '@vrvq/core';
import { type CancelToken, type ProgressFn, yieldToEvents } from './cancel.js';

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
 * Encodes a mono model-rate signal in model windows (bounded memory, equal to encoding it whole),
 * reporting frames done and yielding between windows so a cancel can arrive.
 */
export async function analyzeSignal(
  codec: VrvqCodec,
  signal: Float32Array,
  opts: { token: CancelToken; onProgress?: ProgressFn; windowFrames?: number },
): Promise<ChannelAnalysis> {
  const hop = codec.hop;
  const nq = codec.preset.nCodebooks;
  const total = Math.ceil(signal.length / hop);
  const analyzer = new StreamingAnalyzer(codec, { windowFrames: opts.windowFrames });
  const codes = new Int32Array(total * nq);
  const p = codec.supportsVbr ? new Float32Array(total) : null;
  let done = 0;
  const take = (chunks: ReturnType<StreamingAnalyzer['push']>) => {
    for (const c of chunks) {
      codes.set(c.codes, c.start * nq);
      if (p && c.p) p.set(c.p, c.start);
      done = c.start + c.frames;
    }
  };
  const block = analyzer.window * hop;
  opts.onProgress?.(0, total);
  for (let i = 0; i < signal.length; i += block) {
    await yieldToEvents();
    opts.token.throwIfCancelled();
    take(analyzer.push(signal.subarray(i, Math.min(signal.length, i + block))));
    opts.onProgress?.(done, total);
  }
  await yieldToEvents();
  opts.token.throwIfCancelled();
  take(analyzer.finish());
  opts.onProgress?.(total, total);
  return { frames: total, codes, p };
}
