import { PRESETS, VrvqCodec, weightsHash } from '@vrvq/core';
import { PlaygroundError } from '../errors.js';

/** A model the playground can run, as the UI lists it. */
export interface ModelOption {
  id: string;
  label: string;
  /** Preset of the untrained fallback when no weights file is found. */
  preset: string;
  /** URL of a weights file to try first (relative to the page), or null. */
  weightsUrl: string | null;
}

/**
 * The models offered. Each first fetches shipped weights (the build copies them from
 * `@vrvq/models`, where the CLI finds them; any trained file dropped at that URL works) and
 * otherwise runs the untrained model of its preset — the same random model (seed 0) the CLI uses,
 * so files made here decode there and back.
 */
export const MODEL_OPTIONS: readonly ModelOption[] = [
  { id: 'default', label: 'default (vrvq-tiny-24k: 24 kHz, 8 codebooks)', preset: 'vrvq-tiny-24k', weightsUrl: 'models/default.safetensors' },
  { id: 'vrvq-micro', label: 'vrvq-micro (16 kHz, 4 codebooks, fast)', preset: 'vrvq-micro', weightsUrl: 'models/vrvq-micro.safetensors' },
];

/** The weights bytes of a model and where they came from; the codec is built from them later. */
export interface ModelBytes {
  bytes: Uint8Array;
  /** Name stored in bitstream headers (the preset name, as the CLI does). */
  name: string;
  /** SHA-256 of the weights bytes (hex). */
  hash: string;
  trained: boolean;
  source: string;
}

export type FetchFn = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * Finds a model's weights: the shipped file if `fetchFn` gets it, else the untrained random model
 * of the preset (seed 0), serialised. Build the random model on the backend the CLI uses (wasm):
 * its weight-norm gains are computed on the backend, so other backends give other bytes and hash.
 */
export async function modelBytes(option: ModelOption, fetchFn: FetchFn | null, baseUrl?: string): Promise<ModelBytes> {
  if (option.weightsUrl && fetchFn) {
    const url = baseUrl ? new URL(option.weightsUrl, baseUrl).href : option.weightsUrl;
    let res: Awaited<ReturnType<FetchFn>> | null = null;
    try {
      res = await fetchFn(url);
    } catch {
      res = null; // offline or no such file: fall back to the random model
    }
    if (res?.ok) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      let codec: VrvqCodec;
      try {
        codec = VrvqCodec.fromWeights(bytes);
      } catch (e) {
        throw new PlaygroundError('MODEL_LOAD_FAILED', `The weights at ${url} could not be loaded: ${(e as Error).message}`);
      }
      const name = codec.preset.name;
      codec.dispose();
      return { bytes, name, hash: await weightsHash(bytes), trained: true, source: url };
    }
  }
  if (!PRESETS[option.preset]) throw new PlaygroundError('MODEL_LOAD_FAILED', `Unknown model preset '${option.preset}'.`);
  const codec = new VrvqCodec(option.preset, 0);
  try {
    const bytes = await codec.toWeights();
    return { bytes, name: option.preset, hash: await weightsHash(bytes), trained: false, source: `untrained random ${option.preset} (seed 0)` };
  } finally {
    codec.dispose();
  }
}
