import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '@vrvq/core';
import { Rng } from '@vrvq/rvq';
import type { Batch } from '../data/loader.js';
import { seedFor } from '../data/seed.js';
import { type Discriminator, disposeFeatureMaps } from '../disc/discriminator.js';
import { discriminatorLoss, featureMatchingLoss, generatorAdversarialLoss } from '../losses/gan.js';
import type { MultiScaleMelLoss } from '../losses/mel-loss.js';
import { quietRateWeights } from '../losses/quiet-rate.js';
import type { MultiScaleStftLoss } from '../losses/stft-loss.js';
import { waveformL1 } from '../losses/waveform.js';
import type { AdamW, StepResult } from '../optim/adamw.js';
import { exponentialLr } from '../optim/lr-schedule.js';
import type { TrainConfig } from './config.js';
import { withoutTape } from './tape.js';

/** What one step needs: the models, their optimisers and the losses. */
export interface StepContext {
  config: TrainConfig;
  codec: VrvqCodec;
  discriminator: Discriminator | null;
  optimizerG: AdamW;
  optimizerD: AdamW | null;
  melLoss: MultiScaleMelLoss;
  /** Monitor only (not in the objective). */
  stftLoss: MultiScaleStftLoss;
}

/** Loss components of one step (unweighted), the generator total (weighted) and diagnostics. */
export interface StepMetrics {
  /** Steps completed after this one (1-based). */
  step: number;
  lr: number;
  loss: {
    total: number;
    mel: number;
    adversarial: number | null;
    feature: number | null;
    codebook: number;
    commitment: number;
    rate: number;
    discriminator: number | null;
    /** Monitors, computed on logging steps only. */
    waveformL1: number | null;
    stft: number | null;
  };
  gradNormG: number;
  gradNormD: number | null;
  skippedG: boolean;
  skippedD: boolean;
  /** Mean codebooks per frame over the batch, and mean importance. */
  meanCodebooks: number;
  meanImportance: number | null;
}

/** Pads [B, N, 1] on the right with zeros to a multiple of `hop`. */
function padToHop(x: tf.Tensor3D, hop: number): tf.Tensor3D {
  const n = x.shape[1];
  const target = Math.ceil(n / hop) * hop;
  return target === n ? x.clone() : (tf.pad(x, [[0, 0], [0, target - n], [0, 0]]) as tf.Tensor3D);
}

/** Named gradients for an optimiser, from `tf.variableGrads` output keyed by variable name. */
function byParamName(named: Array<[string, tf.Variable]>, grads: tf.NamedTensorMap): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, v] of named) if (grads[v.name]) out[name] = grads[v.name];
  return out;
}

/**
 * One training step, in DAC/VRVQ order (method spec §2.1b): forward the generator once (taped);
 * with the tape paused, step the discriminator on the detached output (LSGAN, clip D), then
 * compute the audio losses (15·mel + 2·feature + 1·adversarial, with the updated D) and their
 * gradient c = ∂L/∂ŷ at the detached output; the generator then back-propagates
 * Σ ŷ·c + λ_cb·codebook + λ_cm·commitment + λ_R·rate — exactly the gradient of the full generator
 * loss — and takes its clipped AdamW step. `stepIndex` is 0-based (steps completed before).
 *
 * All tensor work is issued synchronously (the discriminator's update runs inside the generator's
 * `tf.variableGrads` closure); nothing is read back until it is done. Then the loss and metric
 * scalars are read in one asynchronous read, together with both optimisers' gradient norms (a
 * non-finite norm means the optimiser skipped that update). No synchronous read happens, so the
 * step runs on WebGPU in Node too.
 */
export async function trainStep(ctx: StepContext, batch: Batch, stepIndex: number, monitor: boolean): Promise<StepMetrics> {
  const { config, codec, discriminator: disc, optimizerG, optimizerD, melLoss, stftLoss } = ctx;
  const lam = config.lambdas;
  const lr = exponentialLr(config.optimizer.lr, config.optimizer.lrDecay, stepIndex);
  const ganOn = disc !== null && optimizerD !== null && stepIndex >= config.gan.startStep;
  const kept: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    kept.push(tf.keep(t));
    return t;
  };
  const x = tf.tensor3d(batch.audio, [batch.batchSize, batch.samples, 1]); // [B, N, 1]
  const xPad = padToHop(x, codec.hop); // [B, N', 1]
  const rng = new Rng(seedFor(config.seed, 'quantizer', stepIndex));
  let dLoss: tf.Scalar | null = null;
  let dResult: Promise<StepResult> | null = null;
  let gResult: Promise<StepResult> | null = null;
  let parts: Record<'mel' | 'adversarial' | 'feature' | 'waveformL1' | 'stft', tf.Scalar | null> = {
    mel: null,
    adversarial: null,
    feature: null,
    waveformL1: null,
    stft: null,
  };
  const held: { vq?: { codebook: tf.Scalar; commitment: tf.Scalar; rate: tf.Scalar; counts: tf.Tensor; p: tf.Tensor | null } } = {};
  const gNamed = codec.namedParameters();

  try {
    // VBR runs may start with a CBR warm-up (quantizer dropout 0.5, no importance masks)
    const warmup = config.mode === 'vbr' && stepIndex < config.quantizer.cbrWarmupSteps;
    const quiet = config.quantizer.quietRate;
    // optional extra rate cost on quiet frames (VBR only; not in the paper)
    const rateWeights =
      config.mode === 'vbr' && !warmup && quiet.boost > 0 ? keep(quietRateWeights(xPad, codec.hop, quiet)) : undefined; // [B, T, 1]
    const { value, grads } = tf.variableGrads(() => {
      const out = codec.trainForward(xPad, {
        mode: warmup ? 'cbr' : config.mode,
        rng,
        fullCodebookRate: config.quantizer.fullCodebookRate,
        dropoutRate: warmup ? 0.5 : config.quantizer.dropoutRate,
        levels: config.quantizer.levels,
        estimator: config.quantizer.estimator,
        alpha: config.quantizer.alpha,
        detachImportanceInput: config.quantizer.detachImportanceInput,
        rateWeights,
      });
      const y = tf.slice(out.y, [0, 0, 0], [-1, batch.samples, -1]) as tf.Tensor3D; // [B, N, 1]
      held.vq = {
        codebook: keep(out.codebook),
        commitment: keep(out.commitment),
        rate: keep(out.rate),
        counts: keep(out.counts),
        p: out.p ? keep(out.p) : null,
      };
      const c = withoutTape(() => {
        const yd = tf.clone(y); // detached ŷ [B, N, 1]
        if (ganOn) {
          const dNamed = disc.namedParameters();
          const dg = tf.variableGrads(() => {
            const fake = disc.apply(yd);
            const real = disc.apply(x);
            const l = discriminatorLoss(fake, real);
            disposeFeatureMaps(fake);
            disposeFeatureMaps(real);
            return l;
          }, dNamed.map(([, v]) => v));
          dLoss = keep(dg.value);
          dResult = optimizerD.applyGradients(byParamName(dNamed, dg.grads), { maxGradNorm: config.optimizer.gradClipD, lr });
          tf.dispose(Object.values(dg.grads));
        }
        const realMaps = ganOn ? disc.apply(x) : null;
        const { value: audioLoss, grad } = tf.valueAndGrad((yh: tf.Tensor) => {
          const mel = keep(melLoss.loss(yh, x));
          let total: tf.Scalar = tf.mul(mel, lam.mel);
          if (realMaps) {
            const fake = disc!.apply(yh);
            const adv = keep(generatorAdversarialLoss(fake));
            const feat = keep(featureMatchingLoss(fake, realMaps));
            parts = { ...parts, adversarial: adv, feature: feat };
            total = tf.addN([total, tf.mul(adv, lam.adversarial), tf.mul(feat, lam.feature)]) as tf.Scalar;
          }
          parts = { ...parts, mel };
          return total;
        })(yd);
        if (realMaps) disposeFeatureMaps(realMaps);
        audioLoss.dispose();
        if (monitor) {
          parts = { ...parts, waveformL1: keep(waveformL1(yd, x)), stft: keep(stftLoss.loss(yd, x)) };
        }
        return grad; // ∂(audio losses)/∂ŷ [B, N, 1]
      });
      return tf.addN([
        tf.sum(tf.mul(y, c)),
        tf.mul(out.codebook, lam.codebook),
        tf.mul(out.commitment, lam.commitment),
        tf.mul(out.rate, lam.rate),
      ]) as tf.Scalar;
    }, codec.parameters());
    value.dispose();
    gResult = optimizerG.applyGradients(byParamName(gNamed, grads), { maxGradNorm: config.optimizer.gradClipG, lr });
    tf.dispose(Object.values(grads));

    // Nothing has been read so far. One read gets every scalar (null ones as NaN placeholders);
    // the optimisers' results read their gradient norms.
    const v = held.vq!;
    const scalars = {
      mel: parts.mel,
      codebook: v.codebook,
      commitment: v.commitment,
      rate: v.rate,
      adversarial: parts.adversarial,
      feature: parts.feature,
      discriminator: dLoss as tf.Scalar | null,
      waveformL1: parts.waveformL1,
      stft: parts.stft,
    };
    const names = Object.keys(scalars) as Array<keyof typeof scalars>;
    const packed = keep(
      tf.tidy(() =>
        tf.stack([
          ...names.map((k) => scalars[k] ?? tf.scalar(Number.NaN)),
          tf.mean(tf.cast(v.counts, 'float32')),
          v.p ? tf.mean(v.p) : tf.scalar(Number.NaN),
        ]),
      ),
    );
    const [values, g, d] = await Promise.all([packed.data(), gResult, dResult as Promise<StepResult> | null]);
    const read = Object.fromEntries(names.map((k, i) => [k, scalars[k] ? values[i] : null])) as Record<keyof typeof scalars, number | null>;
    const mel = read.mel!;
    const codebook = read.codebook!;
    const commitment = read.commitment!;
    const rate = read.rate!;
    const { adversarial, feature } = read;
    const total =
      lam.mel * mel +
      (adversarial ?? 0) * lam.adversarial +
      (feature ?? 0) * lam.feature +
      lam.codebook * codebook +
      lam.commitment * commitment +
      lam.rate * rate;
    return {
      step: stepIndex + 1,
      lr,
      loss: {
        total,
        mel,
        adversarial,
        feature,
        codebook,
        commitment,
        rate,
        discriminator: read.discriminator,
        waveformL1: read.waveformL1,
        stft: read.stft,
      },
      gradNormG: g.gradNorm,
      gradNormD: d ? d.gradNorm : null,
      skippedG: g.skipped,
      skippedD: d ? d.skipped : false,
      meanCodebooks: values[names.length],
      meanImportance: v.p ? values[names.length + 1] : null,
    };
  } finally {
    tf.dispose([x, xPad, ...kept]);
  }
}
