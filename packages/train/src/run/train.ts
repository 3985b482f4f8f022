import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadWeightsInto, type ModelPreset, parseWeights, VrvqCodec } from '@vrvq/core';
import type { BatchLoader } from '../data/loader.js';
import { seedFor } from '../data/seed.js';
import { Discriminator } from '../disc/discriminator.js';
import { TrainError } from '../errors.js';
import { MultiScaleMelLoss } from '../losses/mel-loss.js';
import { MultiScaleStftLoss } from '../losses/stft-loss.js';
import { AdamW } from '../optim/adamw.js';
import { WeightAverage } from '../optim/ema.js';
import { type CheckpointContents, loadLatestCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { TrainConfig } from './config.js';
import { setupData } from './data-setup.js';
import { Throughput, type TrainProgress } from './progress.js';
import { renderReport } from './report.js';
import { MetricsLog, RUN_FILES, writeFileAtomic } from './run-dir.js';
import { type StepContext, type StepMetrics, trainStep } from './step.js';
import { type ValidationResult, validateCodec } from './validate.js';
import { resolveTrainConfig, validateTrainConfig } from './validate-config.js';

export interface TrainOptions {
  /** The run folder (created if missing). */
  runDir: string;
  /** Continue from the run folder's latest checkpoint (its config.json is authoritative). */
  resume?: boolean;
  onProgress?: (p: TrainProgress) => void;
  /** Abort: a checkpoint is written at the current step and `train` returns `stopped: 'aborted'`. */
  signal?: AbortSignal;
  /** Base folder for relative data paths (default: the working directory). */
  baseDir?: string;
}

export interface TrainResult {
  runDir: string;
  /** Steps completed. */
  step: number;
  stopped: 'completed' | 'aborted';
  /** The last validation, if one ran in this session. */
  validation: ValidationResult | null;
  /** Path of the newest model weights (`model.safetensors` in the run folder). */
  modelPath: string;
}

/** Settings a resumed run may change; anything else must match the stored config. */
const RESUMABLE_CHANGES = ['steps', 'validation', 'checkpoint', 'logEvery', 'ema'];

function configDiff(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '(root)'];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => configDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

function mergeResumable(stored: TrainConfig, given: TrainConfig): TrainConfig {
  const out = structuredClone(stored) as unknown as Record<string, unknown>;
  const g = given as unknown as Record<string, unknown>;
  for (const k of RESUMABLE_CHANGES) out[k] = structuredClone(g[k]);
  out.data = { ...(out.data as object), prefetch: given.data.prefetch, cacheMb: given.data.cacheMb };
  return validateTrainConfig(out);
}

function checkpointContents(
  ctx: StepContext,
  meta: CheckpointContents['meta'],
  modelWeights: Uint8Array,
  averageWeights: Uint8Array | null,
): Promise<CheckpointContents> {
  const disc = ctx.discriminator;
  return (async () => ({
    meta,
    modelWeights,
    averageWeights,
    discriminator: disc
      ? new Map(
          await Promise.all(
            disc.namedParameters().map(async ([name, v]) => [name, { name, shape: v.shape.slice(), data: (await v.data()) as Float32Array }] as const),
          ),
        )
      : null,
    optimizerG: await ctx.optimizerG.getState(),
    optimizerD: ctx.optimizerD ? await ctx.optimizerD.getState() : null,
  }))();
}

/**
 * Trains a VRVQ (or DAC-style CBR) codec on the active tfjs backend (call core's `initBackend`
 * first; wasm is the fast CPU backend). Writes into `runDir`: `config.json`, `metrics.jsonl`
 * (one JSON line per logged step, validation and skipped step), atomic checkpoints
 * (`checkpoints/step-N/{model,train-state}.safetensors` + `latest.json`), `model.safetensors`
 * (newest weights) and `report.html` (regenerated at each validation).
 * A resumed run continues bit-identically on the same backend.
 */
export async function train(configOrName: TrainConfig | string, opts: TrainOptions): Promise<TrainResult> {
  const given = typeof configOrName === 'string' ? resolveTrainConfig(configOrName) : validateTrainConfig(configOrName);
  const runDir = opts.runDir;
  const metrics = new MetricsLog(join(runDir, RUN_FILES.metrics));
  const progress = (p: Partial<TrainProgress> & Pick<TrainProgress, 'phase' | 'step'>, tp: Throughput | null, elapsed: number, skipped: number) =>
    opts.onProgress?.({
      steps: config.steps,
      loss: null,
      lr: null,
      stepsPerSecond: tp?.secondsPerStep ? 1 / tp.secondsPerStep : null,
      audioSecondsPerSecond: tp?.secondsPerStep ? (config.batchSize * config.excerptSeconds) / tp.secondsPerStep : null,
      etaSeconds: tp ? tp.eta(config.steps - p.step) : null,
      elapsedSeconds: elapsed,
      skippedSteps: skipped,
      ...p,
    });

  // --- config and run folder
  let config = given;
  const storedText = await readFile(join(runDir, RUN_FILES.config), 'utf8').catch(() => null);
  let checkpoint: CheckpointContents | null = null;
  if (opts.resume) {
    if (storedText === null) throw new TrainError('run-dir', `cannot resume: '${runDir}' has no ${RUN_FILES.config}`);
    const stored = validateTrainConfig(JSON.parse(storedText));
    const diff = configDiff(
      { ...stored, ...Object.fromEntries(RESUMABLE_CHANGES.map((k) => [k, null])), data: { ...stored.data, prefetch: 0, cacheMb: 0 } },
      { ...given, ...Object.fromEntries(RESUMABLE_CHANGES.map((k) => [k, null])), data: { ...given.data, prefetch: 0, cacheMb: 0 } },
    );
    if (diff.length) {
      throw new TrainError(
        'bad-config',
        `cannot resume with a different config: ${diff.slice(0, 8).join(', ')} differ from ${join(runDir, RUN_FILES.config)} (only ${RESUMABLE_CHANGES.join(', ')} may change)`,
      );
    }
    config = mergeResumable(stored, given);
    checkpoint = await loadLatestCheckpoint(runDir);
  } else if (storedText !== null) {
    throw new TrainError('run-dir', `'${runDir}' already holds a run: resume it, or choose another folder`);
  }
  await writeFileAtomic(join(runDir, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);

  // --- models, optimisers, losses
  const codec = new VrvqCodec(config.model as string | ModelPreset, config.seed);
  const sampleRate = codec.preset.sampleRate;
  const disc = config.gan.enabled
    ? new Discriminator({ periods: config.gan.periods, fftSizes: config.gan.fftSizes, channelScale: config.gan.channelScale, seed: seedFor(config.seed, 'discriminator') })
    : null;
  const o = config.optimizer;
  const adamOpts = { lr: o.lr, beta1: o.betas[0], beta2: o.betas[1], eps: o.eps, weightDecay: o.weightDecay };
  const ctx: StepContext = {
    config,
    codec,
    discriminator: disc,
    optimizerG: new AdamW(codec.namedParameters(), adamOpts),
    optimizerD: disc ? new AdamW(disc.namedParameters(), adamOpts) : null,
    melLoss: new MultiScaleMelLoss({ sampleRate, windowLengths: config.mel.windowLengths, nMels: config.mel.nMels }),
    stftLoss: new MultiScaleStftLoss(),
  };
  let loader: BatchLoader | null = null;
  let average: WeightAverage | null = null;
  try {
    let step = 0;
    let elapsed = 0;
    let skipped = 0;
    if (checkpoint) {
      loadWeightsInto(codec, parseWeights(checkpoint.modelWeights));
      if (disc) {
        if (!checkpoint.discriminator) throw new TrainError('checkpoint-corrupt', 'the checkpoint has no discriminator weights');
        for (const [name, v] of disc.namedParameters()) {
          const t = checkpoint.discriminator.get(name);
          if (!t || t.shape.join(',') !== v.shape.join(',')) throw new TrainError('checkpoint-corrupt', `discriminator weight '${name}' is missing or has another shape`);
          tf.tidy(() => v.assign(tf.tensor(t.data as Float32Array, t.shape)));
        }
        if (checkpoint.optimizerD) ctx.optimizerD!.setState(checkpoint.optimizerD);
      }
      ctx.optimizerG.setState(checkpoint.optimizerG);
      step = checkpoint.meta.step;
      elapsed = checkpoint.meta.elapsed;
      skipped = checkpoint.meta.skipped;
      await metrics.truncateAfter(step);
    } else {
      await writeFileAtomic(metrics.path, '');
    }
    // weight averaging: continues from the checkpoint's average, or starts from the current weights
    if (config.ema.decay > 0) {
      average = new WeightAverage(codec.namedParameters(), config.ema.decay);
      if (checkpoint?.averageWeights) average.load(parseWeights(checkpoint.averageWeights));
    }
    const data = await setupData(config, sampleRate, codec.hop, opts.baseDir);
    loader = data.loader;
    loader.cursor = checkpoint ? checkpoint.meta.dataCursor : 0;
    if (!checkpoint) await metrics.append({ type: 'event', step: 0, time: 0, event: 'start', data: data.summary, parameters: codec.numParameters() });
    else await metrics.append({ type: 'event', step, time: elapsed, event: 'resume' });
    progress({ phase: 'setup', step, message: `${codec.numParameters()} generator parameters; data: ${data.summary.train.map((g) => `${g.name} (${g.items})`).join(', ')}` }, null, elapsed, skipped);

    const tp = new Throughput();
    let lastValidation: ValidationResult | null = null;
    let lastCheckpointStep = checkpoint ? step : -1;
    let lastValidationStep = -1;
    const session0 = performance.now();
    const elapsedNow = (base: number) => base + (performance.now() - session0) / 1000;
    const baseElapsed = elapsed;

    const doCheckpoint = async () => {
      progress({ phase: 'checkpoint', step }, tp, elapsedNow(baseElapsed), skipped);
      const meta = { 'vrvq.train.step': String(step), 'vrvq.train.config': config.name };
      const weights = await codec.toWeights(meta);
      const averaged = average ? await average.withAverage(() => codec.toWeights({ ...meta, 'vrvq.train.ema': String(average!.decay) })) : null;
      const contents = await checkpointContents(
        ctx,
        {
          step,
          dataCursor: loader!.cursor,
          seed: config.seed,
          elapsed: elapsedNow(baseElapsed),
          optimizerG: { step: ctx.optimizerG.step },
          optimizerD: ctx.optimizerD ? { step: ctx.optimizerD.step } : null,
          skipped,
        },
        weights,
        averaged,
      );
      await saveCheckpoint(runDir, contents, config.checkpoint.keep);
      await writeFileAtomic(join(runDir, RUN_FILES.model), averaged ?? weights);
      lastCheckpointStep = step;
    };
    const doValidation = async () => {
      progress({ phase: 'validation', step }, tp, elapsedNow(baseElapsed), skipped);
      if (data.validation.length > 0) {
        const run = () => validateCodec(codec, data.validation, { levels: config.validation.levels, cbrCounts: config.validation.cbrCounts }, { mel: ctx.melLoss, stft: ctx.stftLoss });
        lastValidation = average ? await average.withAverage(run) : await run();
        const weights = average ? { weights: `ema ${average.decay}` } : {};
        await metrics.append({ type: 'validation', step, time: elapsedNow(baseElapsed), ...weights, ...lastValidation });
      }
      await writeFileAtomic(join(runDir, RUN_FILES.report), renderReport(config, await metrics.readAll()));
      lastValidationStep = step;
    };

    let stopped: TrainResult['stopped'] = 'completed';
    while (step < config.steps) {
      if (opts.signal?.aborted) {
        stopped = 'aborted';
        break;
      }
      const t0 = performance.now();
      const batch = await loader.next();
      const logNow = (step + 1) % config.logEvery === 0 || step + 1 === config.steps;
      const m: StepMetrics = await trainStep(ctx, batch, step, logNow);
      step = m.step;
      if (average && !m.skippedG) average.update();
      tp.add((performance.now() - t0) / 1000);
      if (m.skippedG || m.skippedD) {
        skipped++;
        await metrics.append({ type: 'skip', step, time: elapsedNow(baseElapsed), generator: m.skippedG, discriminator: m.skippedD, gradNormG: String(m.gradNormG), gradNormD: String(m.gradNormD) });
      }
      if (logNow) {
        await metrics.append({
          type: 'train',
          step,
          time: elapsedNow(baseElapsed),
          lr: m.lr,
          loss: m.loss,
          gradNormG: m.gradNormG,
          gradNormD: m.gradNormD,
          meanCodebooks: m.meanCodebooks,
          meanImportance: m.meanImportance,
          secondsPerStep: tp.secondsPerStep,
        });
      }
      progress({ phase: 'train', step, loss: { ...m.loss }, lr: m.lr }, tp, elapsedNow(baseElapsed), skipped);
      if (config.checkpoint.every > 0 && step % config.checkpoint.every === 0) await doCheckpoint();
      if (config.validation.every > 0 && step % config.validation.every === 0) await doValidation();
    }
    if (lastCheckpointStep !== step) await doCheckpoint();
    if (stopped === 'completed' && lastValidationStep !== step) await doValidation();
    progress({ phase: 'done', step, message: stopped }, tp, elapsedNow(baseElapsed), skipped);
    return { runDir, step, stopped, validation: lastValidation, modelPath: join(runDir, RUN_FILES.model) };
  } finally {
    average?.dispose();
    codec.dispose();
    disc?.dispose();
    ctx.optimizerG.dispose();
    ctx.optimizerD?.dispose();
    ctx.melLoss.dispose();
    ctx.stftLoss.dispose();
  }
}
