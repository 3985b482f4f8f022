import { type ChannelFrames, type Coding, type HeaderInput, type StreamHeader, TLV_TAGS, decodeFile, encodeFile } from '@vrvq/bitstream';
import { PlaygroundError } from '../errors.js';

export const PLAYGROUND_VERSION = '0.1.0';

/** Identity and shapes of the running model, as headers record them. */
export interface ModelIdentity {
  name: string;
  /** SHA-256 of the weights bytes, hex. */
  hash: string;
  sampleRate: number;
  hop: number;
  nq: number;
  codebookSize: number;
}

/** First 16 bytes of a hex digest (what bitstream headers store, as the CLI does). */
export function hashPrefix(hex: string): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/** Frame-major dense codes [T][Nq] and counts → the ragged frames the bitstream carries. */
export function toChannelFrames(codes: Int32Array, counts: Uint8Array, nq: number): ChannelFrames {
  let total = 0;
  for (const c of counts) total += c;
  const out = new Int32Array(total);
  let o = 0;
  for (let t = 0; t < counts.length; t++) for (let k = 0; k < counts[t]; k++) out[o++] = codes[t * nq + k];
  return { counts: Uint8Array.from(counts), codes: out };
}

/** Ragged frames → frame-major dense codes [T][Nq] (levels past a frame's count are 0). */
export function toDenseCodes(frames: ChannelFrames, nq: number): Int32Array {
  const T = frames.counts.length;
  const dense = new Int32Array(T * nq);
  let o = 0;
  for (let t = 0; t < T; t++) for (let k = 0; k < frames.counts[t]; k++) dense[t * nq + k] = frames.codes[o++];
  return dense;
}

/** Writes a complete .vrvq file that `vrvq decode` reads with the same model. */
export function writeVrvq(
  model: ModelIdentity,
  channels: Array<{ codes: Int32Array; counts: Uint8Array }>,
  info: { rate: HeaderInput['rate']; originalSampleRate: number; originalLength: number; coding: Coding },
): Uint8Array {
  const header: HeaderInput = {
    modelName: model.name,
    weightsHash: hashPrefix(model.hash),
    sampleRate: model.sampleRate,
    hop: model.hop,
    nq: model.nq,
    codebookSize: model.codebookSize,
    channels: channels.length,
    originalSampleRate: info.originalSampleRate,
    originalLength: info.originalLength,
    rate: info.rate,
    metadata: [{ tag: TLV_TAGS.encoder, value: new TextEncoder().encode(`vrvq-playground ${PLAYGROUND_VERSION}`) }],
  };
  return encodeFile(
    header,
    channels.map((c) => toChannelFrames(c.codes, c.counts, model.nq)),
    { coding: info.coding },
  );
}

/** A parsed .vrvq file checked against the running model. */
export interface OpenedVrvq {
  header: StreamHeader;
  /** Per channel: counts [T] and frame-major dense codes [T][Nq]. */
  channels: Array<{ counts: Uint8Array; codes: Int32Array }>;
  frames: number;
}

/** Parses .vrvq bytes and checks they were made by `model` (name, weights hash, shapes). */
export function readVrvq(bytes: Uint8Array, model: ModelIdentity): OpenedVrvq {
  let file: ReturnType<typeof decodeFile>;
  try {
    file = decodeFile(bytes);
  } catch (e) {
    throw new PlaygroundError('BAD_INPUT', `Not a readable .vrvq file: ${(e as Error).message}`);
  }
  const h = file.header;
  const want = hashPrefix(model.hash);
  const sameHash = h.weightsHash.length === want.length && h.weightsHash.every((b, i) => b === want[i]);
  if (h.modelName !== model.name || !sameHash) {
    const hex = Array.from(h.weightsHash.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw new PlaygroundError(
      'MODEL_MISMATCH',
      `This file was made by model '${h.modelName}' (weights ${hex}…), not by the loaded '${model.name}' (weights ${model.hash.slice(0, 8)}…). Pick the model that encoded it.`,
      { modelName: h.modelName },
    );
  }
  if (h.sampleRate !== model.sampleRate || h.hop !== model.hop || h.nq !== model.nq || h.codebookSize !== model.codebookSize) {
    throw new PlaygroundError('MODEL_MISMATCH', 'The file header does not match the model shapes (sample rate, hop, codebooks).', {
      modelName: h.modelName,
    });
  }
  const channels = file.channels.map((c) => ({ counts: c.counts, codes: toDenseCodes(c, model.nq) }));
  return { header: h, channels, frames: channels[0]?.counts.length ?? 0 };
}
