import { QUIET_RATE_OFF } from '../losses/quiet-rate.js';
import type { TrainConfig } from './config.js';

/**
 * The VRVQ paper's main configuration (SonyResearch/VRVQ conf/vrvq/vrvq_a2.yml on the DAC
 * 44.1 kHz backbone): N_q = 8, batch 32 × 0.38 s, AdamW 1e-4 (0.8, 0.99), γ 0.999996, clip
 * 1000 / 10, λ: mel 15, feature 2, adversarial 1, codebook 1, commitment 0.25, rate 2;
 * α = 2 log-cosh surrogate, ℓ ~ U[0.125, 6], full-codebook share 0.25, no quantizer dropout,
 * 300k steps, salient excerpts (−40 LUFS, 8 draws, no quiet share), RescaleAudio + ShiftPhase.
 */
export const PAPER_44K: TrainConfig = {
  name: 'paper-44k',
  model: 'vrvq-44k',
  mode: 'vbr',
  seed: 0,
  steps: 300_000,
  batchSize: 32,
  excerptSeconds: 0.38,
  optimizer: {
    lr: 1e-4,
    betas: [0.8, 0.99],
    eps: 1e-8,
    weightDecay: 0.01,
    lrDecay: 0.999996,
    gradClipG: 1000,
    gradClipD: 10,
  },
  quantizer: {
    levels: { min: 0.125, max: 6, distribution: 'uniform' },
    fullCodebookRate: 0.25,
    dropoutRate: 0,
    estimator: 'logcosh',
    alpha: 2,
    detachImportanceInput: false,
    cbrWarmupSteps: 0,
    quietRate: { ...QUIET_RATE_OFF },
  },
  lambdas: { mel: 15, feature: 2, adversarial: 1, codebook: 1, commitment: 0.25, rate: 2 },
  gan: { enabled: true, startStep: 0, periods: [2, 3, 5, 7, 11], fftSizes: [2048, 1024, 512], channelScale: 1 },
  mel: { windowLengths: [32, 64, 128, 256, 512, 1024, 2048], nMels: [5, 10, 20, 40, 80, 160, 320] },
  data: {
    train: { dir: 'data/train' },
    validation: { dir: 'data/test' },
    salience: { minLufs: -40, maxDraws: 8, keepQuietShare: 0 },
    augment: { rescale: true, shiftPhase: true, volumeNormLufs: null },
    cacheMb: 2048,
    prefetch: 2,
  },
  validation: { every: 5000, count: 32, seconds: 5, levels: [0.2, 0.3, 0.5, 1, 1.5, 2, 3], cbrCounts: [1, 2, 3, 4, 6, 8] },
  checkpoint: { every: 5000, keep: 3 },
  logEvery: 50,
  ema: { decay: 0 },
};

/**
 * A small VBR model that learns something useful on 2 CPU cores (wasm) in about an hour
 * (≈ 3 s/step measured with `pnpm bench` → 1200 steps):
 * `vrvq-tiny-24k` (encoder 16, decoder 128, 24 kHz, N_q 8), batch 4 × 0.4 s, lr 5e-4 (the
 * PyTorch CPU reference run of platform-notes), no GAN (a CPU-hour is too short for it to help;
 * switch it on with `gan.enabled` and a small `gan.channelScale`), 10 % of excerpts kept without
 * the loudness test so quiet and silent frames are seen. Trains on `data/train`. Weights are
 * averaged (EMA 0.998, a ≈ 500-step horizon): at batch 4 single checkpoints are noisy (validation
 * mel moved by 0.3 within 30 steps), the average is what validation sees and what ships.
 */
export const TINY_CPU: TrainConfig = {
  ...PAPER_44K,
  name: 'tiny-cpu',
  model: 'vrvq-tiny-24k',
  steps: 1200,
  batchSize: 4,
  excerptSeconds: 0.4,
  optimizer: { ...PAPER_44K.optimizer, lr: 5e-4 },
  gan: { ...PAPER_44K.gan, enabled: false, startStep: 0, channelScale: 0.125 },
  data: {
    ...PAPER_44K.data,
    validation: { share: 0.05 },
    salience: { minLufs: -40, maxDraws: 8, keepQuietShare: 0.1 },
    cacheMb: 512,
  },
  validation: { every: 200, count: 8, seconds: 2, levels: [0.25, 0.5, 1, 2, 4], cbrCounts: [1, 2, 4, 8] },
  checkpoint: { every: 200, keep: 2 },
  logEvery: 10,
  ema: { decay: 0.998 },
};

/** Built-in training configs by name. */
export const TRAIN_PRESETS: Readonly<Record<string, TrainConfig>> = Object.freeze({
  'paper-44k': PAPER_44K,
  'tiny-cpu': TINY_CPU,
});

export function trainPresetNames(): string[] {
  return Object.keys(TRAIN_PRESETS);
}
