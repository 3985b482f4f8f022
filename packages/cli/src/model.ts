import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRESETS, VrvqCodec, weightsHash } from '@vrvq/core';
import { DEFAULT_MODEL, weightsDirUrl } from '@vrvq/models';
import { inputError } from './errors.js';

/** The model `vrvq` uses when --model is not given (shipped in `@vrvq/models`). */
export { DEFAULT_MODEL };

export interface LoadedModel {
  codec: VrvqCodec;
  /** Name stored in bitstream headers (the preset name). */
  name: string;
  /** SHA-256 of the weights bytes (hex). */
  hash: string;
  /** False for a randomly initialised model (no weights found). */
  trained: boolean;
  /** Where the weights came from, for messages. */
  source: string;
}

/** Folders searched for `<name>.safetensors`: $VRVQ_MODELS_DIR, then the weights in `@vrvq/models`. */
export function modelDirs(): string[] {
  if (process.env.VRVQ_MODELS_DIR) return [resolve(process.env.VRVQ_MODELS_DIR)];
  return [fileURLToPath(weightsDirUrl())];
}

/** Where the weights of a named model would be found, or null. */
export function findModelFile(name: string): string | null {
  for (const d of modelDirs()) {
    const f = join(d, `${name}.safetensors`);
    if (existsSync(f)) return f;
  }
  return null;
}

/**
 * Loads `--model`: a path to a `.safetensors` weights file, or a model name (shipped weights,
 * else an untrained random model of that preset, flagged `trained: false`).
 */
export async function loadModel(spec: string | undefined): Promise<LoadedModel> {
  const name = spec ?? DEFAULT_MODEL;
  const looksLikePath = name.includes('/') || name.includes('\\') || name.endsWith('.safetensors');
  const file = looksLikePath ? resolve(name) : findModelFile(name);
  if (file) {
    if (!existsSync(file)) throw inputError(`model file not found: ${name}`);
    const bytes = new Uint8Array(await readFile(file));
    const codec = VrvqCodec.fromWeights(bytes);
    return { codec, name: codec.preset.name, hash: await weightsHash(bytes), trained: true, source: file };
  }
  if (!PRESETS[name]) {
    throw inputError(`unknown model '${name}': give a .safetensors file or one of ${Object.keys(PRESETS).join(', ')}`);
  }
  const codec = new VrvqCodec(name, 0);
  const hash = await weightsHash(await codec.toWeights());
  return { codec, name, hash, trained: false, source: `untrained random ${name}` };
}

/** First 16 bytes of a hex digest, as stored in bitstream headers. */
export function hashBytes(hex: string): Uint8Array {
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/**
 * The safetensors bytes of a loaded model, for worker threads that build their own copy: the file
 * it came from (checked against the hash it was loaded with), or the untrained model serialised.
 */
export async function modelWeights(model: LoadedModel): Promise<Uint8Array> {
  const bytes = model.trained ? new Uint8Array(await readFile(model.source)) : await model.codec.toWeights();
  if ((await weightsHash(bytes)) !== model.hash) {
    throw inputError(`the weights of '${model.name}' changed while vrvq was running (${model.source})`);
  }
  return bytes;
}
