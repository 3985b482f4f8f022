import { CoreError } from '../errors.js';
import { PRESETS } from './builtin.js';
import type { ModelPreset } from './types.js';

const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * Checks that an unknown value (parsed JSON, a weights-file header, user input) is a usable
 * preset and returns it as a fresh object. Throws `CoreError('INVALID_PRESET')` naming the field.
 */
export function validatePreset(value: unknown): ModelPreset {
  const fail = (msg: string): never => {
    throw new CoreError('INVALID_PRESET', `invalid model preset: ${msg}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected an object');
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || p.name.length === 0 || p.name.length > 128) fail('name must be a non-empty string');
  for (const k of ['sampleRate', 'encoderDim', 'latentDim', 'decoderDim', 'nCodebooks', 'codebookSize', 'codebookDim']) {
    if (!isPosInt(p[k])) fail(`${k} must be a positive integer (got ${JSON.stringify(p[k])})`);
  }
  for (const k of ['encoderRates', 'decoderRates']) {
    const r = p[k];
    if (!Array.isArray(r) || r.length === 0 || !r.every(isPosInt)) fail(`${k} must be a non-empty array of positive integers`);
  }
  const enc = p.encoderRates as number[];
  const dec = p.decoderRates as number[];
  if (dec.length !== enc.length) fail('decoderRates must have as many entries as encoderRates');
  const prod = (a: number[]) => a.reduce((x, y) => x * y, 1);
  if (prod(enc) !== prod(dec)) fail(`encoder hop ${prod(enc)} differs from decoder hop ${prod(dec)}`);
  if ((p.decoderDim as number) % 2 ** dec.length !== 0) fail(`decoderDim must be divisible by 2^${dec.length}`);
  const cb = p.codebookSize as number;
  if ((cb & (cb - 1)) !== 0 || cb < 2 || cb > 65536) fail('codebookSize must be a power of two between 2 and 65536');
  if ((p.nCodebooks as number) > 64) fail('nCodebooks must be at most 64');
  const imp = p.importanceChannels;
  if (imp !== null && imp !== undefined && (!Array.isArray(imp) || !imp.every(isPosInt))) {
    fail('importanceChannels must be null or an array of positive integers');
  }
  if (p.description !== undefined && typeof p.description !== 'string') fail('description must be a string');
  return {
    name: p.name as string,
    ...(p.description !== undefined ? { description: p.description as string } : {}),
    sampleRate: p.sampleRate as number,
    encoderDim: p.encoderDim as number,
    encoderRates: [...enc],
    latentDim: p.latentDim as number,
    decoderDim: p.decoderDim as number,
    decoderRates: [...dec],
    nCodebooks: p.nCodebooks as number,
    codebookSize: cb,
    codebookDim: p.codebookDim as number,
    importanceChannels: imp === null || imp === undefined ? null : [...(imp as number[])],
  };
}

/** A built-in preset by name, or a validated copy of a preset object. */
export function resolvePreset(preset: string | ModelPreset): ModelPreset {
  if (typeof preset === 'string') {
    const p = PRESETS[preset];
    if (!p) {
      throw new CoreError('UNKNOWN_PRESET', `unknown model preset '${preset}' (known: ${Object.keys(PRESETS).join(', ')})`);
    }
    return validatePreset(p);
  }
  return validatePreset(preset);
}

/** Samples per latent frame. */
export const hopLength = (p: ModelPreset): number => p.encoderRates.reduce((a, b) => a * b, 1);
/** Latent frames per second (not floored: 44100/512 = 86.13). */
export const frameRate = (p: ModelPreset): number => p.sampleRate / hopLength(p);
/** Channels of the last encoder block's output (the importance subnet's input). */
export const encoderFeatureDim = (p: ModelPreset): number => p.encoderDim * 2 ** p.encoderRates.length;
