import { describe, expect, it } from 'vitest';
import { PAPER_44K, TINY_CPU } from './presets.js';
import { resolveTrainConfig, validateTrainConfig } from './validate-config.js';

describe('training config', () => {
  it('accepts the built-in presets unchanged', () => {
    expect(validateTrainConfig(PAPER_44K)).toEqual(PAPER_44K);
    expect(validateTrainConfig(TINY_CPU)).toEqual(TINY_CPU);
  });

  it('reads a config written before weight averaging existed as averaging off', () => {
    const { ema, ...old } = TINY_CPU;
    expect(ema.decay).toBeGreaterThan(0);
    expect(validateTrainConfig(old).ema).toEqual({ decay: 0 });
  });

  it('reads a config written before quietRate existed as off, and keeps a given one', () => {
    const { quietRate, ...q } = TINY_CPU.quantizer;
    expect(quietRate.boost).toBe(0);
    expect(validateTrainConfig({ ...TINY_CPU, quantizer: q }).quantizer.quietRate).toEqual({ boost: 0, fromDb: -40, toDb: -60 });
    const on = resolveTrainConfig('tiny-cpu', { quantizer: { quietRate: { boost: 3, fromDb: -35, toDb: -65 } } });
    expect(on.quantizer.quietRate).toEqual({ boost: 3, fromDb: -35, toDb: -65 });
  });

  it('paper-44k holds the paper settings', () => {
    const c = resolveTrainConfig('paper-44k');
    expect([c.batchSize, c.excerptSeconds, c.steps, c.lambdas.rate, c.quantizer.alpha]).toEqual([32, 0.38, 300000, 2, 2]);
    expect(c.quantizer.levels).toEqual({ min: 0.125, max: 6, distribution: 'uniform' });
    expect(c.quantizer.fullCodebookRate).toBe(0.25);
    expect(c.lambdas).toEqual({ mel: 15, feature: 2, adversarial: 1, codebook: 1, commitment: 0.25, rate: 2 });
    expect(c.optimizer).toEqual({ lr: 1e-4, betas: [0.8, 0.99], eps: 1e-8, weightDecay: 0.01, lrDecay: 0.999996, gradClipG: 1000, gradClipD: 10 });
  });

  it('merges overrides field by field, replaces data sources of another kind, and validates', () => {
    const c = resolveTrainConfig('tiny-cpu', {
      steps: 10,
      optimizer: { lr: 1e-3 },
      data: { train: { generated: { count: 8 } } },
      gan: { enabled: true },
    });
    expect(c.steps).toBe(10);
    expect(c.optimizer.lr).toBe(1e-3);
    expect(c.optimizer.betas).toEqual([0.8, 0.99]);
    expect(c.data.train).toEqual({ generated: { count: 8 } });
    expect(c.gan.enabled).toBe(true);
    expect(c.gan.channelScale).toBe(0.125);
  });

  it('rejects bad values with the setting path in the message', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ steps: 0 }, /steps must be ≥ 1/],
      [{ mode: 'abr' }, /mode must be one of 'vbr', 'cbr'/],
      [{ optimizer: { lr: -1 } }, /optimizer\.lr must be > 0/],
      [{ quantizer: { fullCodebookRate: 0.8, dropoutRate: 0.5 } }, /fullCodebookRate \+ dropoutRate must be ≤ 1/],
      [{ mel: { nMels: [5] } }, /one nMels per window/],
      [{ lambdas: { melt: 1 } }, /lambdas\.melt is not a known setting/],
      [{ data: { train: { folder: 'x' } } }, /data\.train must be \{ dir \}/],
      [{ batchSize: 2.5 }, /batchSize must be an integer/],
      [{ ema: { decay: 1 } }, /ema\.decay must be ≤ 0\.999999/],
      [{ ema: { rate: 0.9 } }, /ema\.rate is not a known setting/],
      [{ quantizer: { quietRate: { boost: -1 } } }, /quantizer\.quietRate\.boost must be ≥ 0/],
      [{ quantizer: { quietRate: { fromDb: -70 } } }, /quantizer\.quietRate needs toDb < fromDb/],
    ];
    for (const [over, re] of bad) {
      let err: unknown;
      try {
        resolveTrainConfig('tiny-cpu', over);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'bad-config' });
      expect((err as Error).message).toMatch(re);
    }
    expect(() => resolveTrainConfig('huge')).toThrow(/unknown training config 'huge'/);
  });
});
