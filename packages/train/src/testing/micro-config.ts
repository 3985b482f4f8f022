// Test helper: a training config small enough for CI (vrvq-micro model, generated audio).

import type { TrainConfig } from '../run/config.js';
import { resolveTrainConfig } from '../run/validate-config.js';

export function microConfig(overrides: Record<string, unknown> = {}): TrainConfig {
  const base = resolveTrainConfig('tiny-cpu', {
    name: 'micro-test',
    model: 'vrvq-micro',
    steps: 6,
    batchSize: 4,
    excerptSeconds: 0.128,
    optimizer: { lr: 3e-3 },
    mel: { windowLengths: [32, 64, 128, 256, 512], nMels: [5, 10, 20, 40, 80] },
    gan: { enabled: false, periods: [2, 3], fftSizes: [256, 128], channelScale: 1 / 32 },
    data: { train: { generated: { count: 64, clipSeconds: 1 } }, validation: { share: 0 }, prefetch: 1 },
    validation: { every: 0, count: 2, seconds: 0.25, levels: [0.5, 1], cbrCounts: [1, 4] },
    checkpoint: { every: 0, keep: 2 },
    logEvery: 1,
  });
  return resolveTrainConfig(base, overrides);
}
