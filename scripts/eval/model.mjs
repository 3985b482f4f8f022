// A trained model for evaluation: load weights, analyse a clip once (codes of every level + the
// importance map), then decode any per-frame counts from those codes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EvaluationError } from './errors.mjs';
import { core, rvq, tf } from './packages.mjs';

/**
 * @typedef {{ path: string, codec: any, preset: any, sampleRate: number, hop: number,
 *   frameRate: number, rateCfg: { nCodebooks: number, codebookSize: number, sampleRate: number, hop: number },
 *   supportsVbr: boolean, step: number | null, sha256: string }} LoadedModel
 */

/**
 * @param {string} path a weights file (`runs/<name>/model.safetensors` or a checkpoint)
 * @returns {LoadedModel}
 */
export function loadModel(path) {
  if (!existsSync(path)) throw new EvaluationError('missing_file', `No weights file at ${path}.`);
  const bytes = new Uint8Array(readFileSync(path));
  let codec;
  try {
    codec = core.VrvqCodec.fromWeights(bytes);
  } catch (e) {
    throw new EvaluationError('bad_model', `Cannot load ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const preset = codec.preset;
  const hop = core.hopLength(preset);
  return {
    path,
    codec,
    preset,
    sampleRate: preset.sampleRate,
    hop,
    frameRate: core.frameRate(preset),
    rateCfg: { nCodebooks: preset.nCodebooks, codebookSize: preset.codebookSize, sampleRate: preset.sampleRate, hop },
    supportsVbr: codec.supportsVbr,
    step: trainingStep(path, bytes),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The training step a weights file was saved at: its metadata, else the run's latest.json. */
function trainingStep(path, bytes) {
  try {
    const meta = core.readSafetensors(bytes).metadata;
    if (meta['vrvq.train.step'] !== undefined) return Number(meta['vrvq.train.step']);
  } catch {
    // unreadable metadata: fall through to the run folder
  }
  const latest = join(dirname(path), 'checkpoints', 'latest.json');
  if (existsSync(latest)) {
    const step = JSON.parse(readFileSync(latest, 'utf8')).step;
    if (Number.isFinite(step)) return step;
  }
  return null;
}

/**
 * Analyses mono audio once. The caller owns `codes` and must dispose it.
 * @param {LoadedModel} model
 * @param {Float32Array} x samples at the model's rate, a whole number of hops
 * @returns {{ codes: any, p: Float32Array | null, frames: number }} codes int32 [1, N_q, T]
 */
export function analyse(model, x) {
  const { codes, p } = tf.tidy(() => {
    const a = model.codec.analyze(tf.tensor3d(x, [1, x.length, 1])); // [1, N, 1] → codes [1, N_q, T], p [1, T, 1]
    return { codes: a.codes, p: a.p };
  });
  const pArr = p ? /** @type {Float32Array} */ (p.dataSync().slice()) : null;
  if (p) p.dispose();
  return { codes, p: pArr, frames: codes.shape[2] };
}

/**
 * Decodes the analysed codes with per-frame counts (or one count for every frame) to exactly
 * `length` samples.
 * @param {LoadedModel} model
 * @param {any} codes int32 [1, N_q, T]
 * @param {Int32Array | number} counts [T] or a constant
 * @param {number} length
 * @returns {Float32Array}
 */
export function decode(model, codes, counts, length) {
  const y = tf.tidy(() => {
    const c = typeof counts === 'number' ? counts : tf.tensor2d(counts, [1, counts.length], 'int32'); // [1, T]
    return model.codec.decodeCodes(codes, c); // [1, T·hop, 1]
  });
  const out = new Float32Array(length);
  out.set(/** @type {Float32Array} */ (y.dataSync()).subarray(0, length));
  y.dispose();
  return out;
}

/**
 * Rate of one setting: `clipBits` (payload + side info in VBR, none in CBR) per second of audio.
 * @param {LoadedModel} model
 * @param {Int32Array} counts per frame
 * @param {'vbr' | 'cbr'} mode
 * @param {number} seconds audio length
 */
export function rateOf(model, counts, mode, seconds) {
  const bits = rvq.clipBits(counts, model.rateCfg, mode);
  let sum = 0;
  for (const c of counts) sum += c;
  return {
    kbps: bits.total / seconds / 1000,
    payloadKbps: bits.payload / seconds / 1000,
    sideInfoKbps: bits.sideInfo / seconds / 1000,
    meanCount: sum / counts.length,
  };
}
