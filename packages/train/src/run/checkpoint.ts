import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type NamedArray, readSafetensors, writeSafetensors } from '@vrvq/core';
import { TrainError } from '../errors.js';
import type { AdamWState } from '../optim/adamw.js';
import { RUN_FILES, writeFileAtomic } from './run-dir.js';

/** Metadata key of the training state inside `train-state.safetensors`. */
export const TRAIN_STATE_KEY = 'vrvq.train-state';

/** Scalar training state stored with every checkpoint. */
export interface TrainStateMeta {
  /** Steps completed. */
  step: number;
  /** Next batch index of the data stream (its whole resumable state). */
  dataCursor: number;
  /** Seed of every derived random stream (data items, level sampling use seeds from (seed, step)). */
  seed: number;
  /** Seconds of training wall-clock time so far. */
  elapsed: number;
  optimizerG: { step: number };
  optimizerD: { step: number } | null;
  /** Steps skipped by the non-finite guard so far. */
  skipped: number;
}

export interface CheckpointContents {
  meta: TrainStateMeta;
  /** Model weights bytes (core's weights format, with the preset). */
  modelWeights: Uint8Array;
  /** Averaged weights (`model-ema.safetensors`, same format), or null when the run averages none. */
  averageWeights: Uint8Array | null;
  /** Discriminator parameters by name, or null without a GAN. */
  discriminator: Map<string, NamedArray> | null;
  optimizerG: AdamWState;
  optimizerD: AdamWState | null;
}

/** The averaged weights inside a checkpoint folder (a complete model file, loadable like `model.safetensors`). */
export const AVERAGE_FILE = 'model-ema.safetensors';

const stepDir = (step: number) => `step-${String(step).padStart(8, '0')}`;

function toArrays(prefix: string, state: AdamWState): NamedArray[] {
  return Object.entries(state.tensors).map(([name, t]) => ({ name: `${prefix}${name}`, shape: t.shape, data: t.data }));
}

function fromArrays(prefix: string, tensors: Map<string, NamedArray>, step: number): AdamWState {
  const out: AdamWState = { step, tensors: {} };
  for (const [name, t] of tensors) {
    if (name.startsWith(prefix)) out.tensors[name.slice(prefix.length)] = { shape: t.shape, data: t.data as Float32Array };
  }
  return out;
}

/**
 * Writes `checkpoints/step-XXXXXXXX/{model,train-state}.safetensors` (and `model-ema.safetensors`
 * with averaged weights) into a temporary folder renamed into place, then points `checkpoints/latest.json` at it (atomically), then deletes all
 * but the newest `keep` checkpoints. A crash at any point leaves the previous checkpoint usable.
 */
export async function saveCheckpoint(runDir: string, c: CheckpointContents, keep: number): Promise<string> {
  const root = join(runDir, RUN_FILES.checkpoints);
  await mkdir(root, { recursive: true });
  const name = stepDir(c.meta.step);
  const tmp = join(root, `.tmp-${name}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  const arrays: NamedArray[] = [
    ...(c.discriminator ? [...c.discriminator.values()].map((t) => ({ ...t, name: `discriminator.${t.name}` })) : []),
    ...toArrays('optimizer_g.', c.optimizerG),
    ...(c.optimizerD ? toArrays('optimizer_d.', c.optimizerD) : []),
  ];
  await writeFileAtomic(join(tmp, 'model.safetensors'), c.modelWeights);
  if (c.averageWeights) await writeFileAtomic(join(tmp, AVERAGE_FILE), c.averageWeights);
  await writeFileAtomic(join(tmp, 'train-state.safetensors'), writeSafetensors(arrays, { [TRAIN_STATE_KEY]: JSON.stringify(c.meta) }));
  const final = join(root, name);
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  await writeFileAtomic(join(root, RUN_FILES.latest), JSON.stringify({ step: c.meta.step, dir: name }));
  const all = (await readdir(root)).filter((d) => /^step-\d{8}$/.test(d)).sort();
  for (const old of all.slice(0, Math.max(0, all.length - keep))) {
    if (old !== name) await rm(join(root, old), { recursive: true, force: true });
  }
  return final;
}

/** Reads the checkpoint `latest.json` points at (null when the run has none). */
export async function loadLatestCheckpoint(runDir: string): Promise<CheckpointContents | null> {
  const root = join(runDir, RUN_FILES.checkpoints);
  const latest = await readFile(join(root, RUN_FILES.latest), 'utf8').catch(() => null);
  if (latest === null) return null;
  let dir: string;
  try {
    dir = (JSON.parse(latest) as { dir: string }).dir;
  } catch {
    throw new TrainError('checkpoint-corrupt', `'${join(root, RUN_FILES.latest)}' is not valid JSON`);
  }
  const read = async (f: string) => {
    try {
      return new Uint8Array(await readFile(join(root, dir, f)));
    } catch {
      throw new TrainError('checkpoint-missing', `checkpoint file '${join(root, dir, f)}' is missing`);
    }
  };
  const modelWeights = await read('model.safetensors');
  const averageWeights = await readFile(join(root, dir, AVERAGE_FILE)).then((b) => new Uint8Array(b), () => null);
  const stateBytes = await read('train-state.safetensors');
  let state: ReturnType<typeof readSafetensors>;
  try {
    state = readSafetensors(stateBytes);
  } catch (e) {
    throw new TrainError('checkpoint-corrupt', `checkpoint '${dir}' train state is unreadable: ${(e as Error).message}`);
  }
  const raw = state.metadata[TRAIN_STATE_KEY];
  if (!raw) throw new TrainError('checkpoint-corrupt', `checkpoint '${dir}' has no training state`);
  const meta = JSON.parse(raw) as TrainStateMeta;
  const disc = new Map<string, NamedArray>();
  for (const [name, t] of state.tensors) {
    if (name.startsWith('discriminator.')) disc.set(name.slice('discriminator.'.length), { ...t, name: name.slice('discriminator.'.length) });
  }
  return {
    meta,
    modelWeights,
    averageWeights,
    discriminator: meta.optimizerD ? disc : null,
    optimizerG: fromArrays('optimizer_g.', state.tensors, meta.optimizerG.step),
    optimizerD: meta.optimizerD ? fromArrays('optimizer_d.', state.tensors, meta.optimizerD.step) : null,
  };
}
