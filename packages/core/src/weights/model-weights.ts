import * as tf from '@tensorflow/tfjs-core';
import type { Module } from '@vrvq/rvq';
import { CoreError } from '../errors.js';
import type { ModelPreset } from '../presets/types.js';
import { validatePreset } from '../presets/validate.js';
import { type NamedArray, type SafetensorsFile, readSafetensors, writeSafetensors } from './safetensors.js';

/** Identifies our weights files inside the safetensors metadata. */
export const WEIGHTS_FORMAT = 'vrvq-weights/1';
/** Metadata keys we write (values are strings, as safetensors requires). */
export const META = {
  format: 'vrvq.format',
  preset: 'vrvq.preset',
} as const;

/** Writes every parameter of `module` (PyTorch names and layout) plus the preset to safetensors bytes. */
export async function exportWeights(
  module: Module,
  preset: ModelPreset,
  metadata: Record<string, string> = {},
): Promise<Uint8Array> {
  const arrays: NamedArray[] = [];
  for (const [name, v] of module.namedParameters()) {
    arrays.push({ name, shape: v.shape.slice(), data: (await v.data()) as Float32Array });
  }
  return writeSafetensors(arrays, {
    ...metadata,
    [META.format]: WEIGHTS_FORMAT,
    [META.preset]: JSON.stringify(preset),
  });
}

/** The preset stored in a weights file, validated; `null` if the file carries none (a raw export). */
export function presetFromWeights(file: SafetensorsFile): ModelPreset | null {
  const raw = file.metadata[META.preset];
  if (raw === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CoreError('BAD_WEIGHTS', 'the preset stored in the weights file is not valid JSON');
  }
  return validatePreset(parsed);
}

export interface LoadOptions {
  /** Ignore tensors in the file that the model does not have (e.g. discriminator weights). */
  allowUnexpected?: boolean;
}

/**
 * Assigns the tensors of a parsed weights file to `module`'s parameters by name. Every parameter
 * must be present with the same shape; mismatches are reported together in one clear error.
 */
export function loadWeightsInto(module: Module, file: SafetensorsFile, opts: LoadOptions = {}): void {
  const params = module.namedParameters();
  const missing: string[] = [];
  const wrongShape: string[] = [];
  for (const [name, v] of params) {
    const t = file.tensors.get(name);
    if (!t) missing.push(name);
    else if (t.shape.join(',') !== v.shape.join(',')) {
      wrongShape.push(`${name}: file [${t.shape}] vs model [${v.shape}]`);
    } else if (!(t.data instanceof Float32Array)) wrongShape.push(`${name}: not a floating-point tensor`);
  }
  const known = new Set(params.map(([n]) => n));
  const unexpected = opts.allowUnexpected ? [] : [...file.tensors.keys()].filter((n) => !known.has(n));
  if (missing.length || wrongShape.length || unexpected.length) {
    const list = (label: string, xs: string[]) =>
      xs.length ? `\n  ${label} (${xs.length}): ${xs.slice(0, 8).join('; ')}${xs.length > 8 ? '; …' : ''}` : '';
    throw new CoreError(
      'WEIGHTS_MISMATCH',
      `weights do not fit this model${list('missing', missing)}${list('wrong shape', wrongShape)}${list('unexpected', unexpected)}`,
    );
  }
  for (const [name, v] of params) {
    const t = file.tensors.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(t.data as Float32Array, t.shape)));
  }
}

/** Parses weights bytes (see `readSafetensors`) — re-exported for convenience. */
export function parseWeights(bytes: Uint8Array): SafetensorsFile {
  return readSafetensors(bytes);
}

/** Hex SHA-256 of a weights file, the identity that bitstream headers reference. */
export async function weightsHash(bytes: Uint8Array): Promise<string> {
  const copy = new Uint8Array(bytes); // subtle.digest wants a plain ArrayBuffer view
  const digest = await globalThis.crypto.subtle.digest('SHA-256', copy);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
