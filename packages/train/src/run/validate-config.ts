import { GENERATED_KINDS } from '../data/generated.js';
import { TrainError } from '../errors.js';
import { QUIET_RATE_OFF, type QuietRate } from '../losses/quiet-rate.js';
import type { DataSpec, TrainConfig } from './config.js';
import { TRAIN_PRESETS } from './presets.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, msg: string): never {
  throw new TrainError('bad-config', `training config: ${path} ${msg}`);
}

function keys(o: Obj, path: string, allowed: string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(`${path}${path ? '.' : ''}${k}`, `is not a known setting (expected one of: ${allowed.join(', ')})`);
  }
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

/** `quantizer.quietRate`, optional: configs stored before it existed mean off. */
function quietRate(v: unknown): QuietRate {
  if (v === undefined) return { ...QUIET_RATE_OFF };
  const r = obj(v, 'quantizer.quietRate');
  keys(r, 'quantizer.quietRate', ['boost', 'fromDb', 'toDb']);
  const fromDb = num(r.fromDb, 'quantizer.quietRate.fromDb', { max: 0 });
  const toDb = num(r.toDb, 'quantizer.quietRate.toDb', { max: 0 });
  if (toDb >= fromDb) fail('quantizer.quietRate', `needs toDb < fromDb, got toDb ${toDb}, fromDb ${fromDb}`);
  return { boost: num(r.boost, 'quantizer.quietRate.boost', { min: 0 }), fromDb, toDb };
}

function num(v: unknown, path: string, opts: { min?: number; max?: number; int?: boolean; gt?: number } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `must be a finite number, got ${JSON.stringify(v)}`);
  if (opts.int && !Number.isInteger(v)) fail(path, `must be an integer, got ${v}`);
  if (opts.min !== undefined && v < opts.min) fail(path, `must be ≥ ${opts.min}, got ${v}`);
  if (opts.gt !== undefined && !(v > opts.gt)) fail(path, `must be > ${opts.gt}, got ${v}`);
  if (opts.max !== undefined && v > opts.max) fail(path, `must be ≤ ${opts.max}, got ${v}`);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(path, `must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (!values.includes(v as T)) fail(path, `must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function numArray(v: unknown, path: string, opts: Parameters<typeof num>[2] = {}, minLength = 1): number[] {
  if (!Array.isArray(v) || v.length < minLength) fail(path, `must be an array of at least ${minLength} number(s)`);
  return v.map((x, i) => num(x, `${path}[${i}]`, opts));
}

function dataSpec(v: unknown, path: string): DataSpec {
  const o = obj(v, path);
  if ('dir' in o) {
    keys(o, path, ['dir']);
    return { dir: str(o.dir, `${path}.dir`) };
  }
  if ('groups' in o) {
    keys(o, path, ['groups']);
    if (!Array.isArray(o.groups) || o.groups.length === 0) fail(`${path}.groups`, 'must be a non-empty array of { name, paths }');
    const names = new Set<string>();
    const groups = o.groups.map((g, i) => {
      const go = obj(g, `${path}.groups[${i}]`);
      keys(go, `${path}.groups[${i}]`, ['name', 'paths']);
      const name = str(go.name, `${path}.groups[${i}].name`);
      if (names.has(name)) fail(`${path}.groups[${i}].name`, `'${name}' is used twice`);
      names.add(name);
      if (!Array.isArray(go.paths) || go.paths.length === 0) fail(`${path}.groups[${i}].paths`, 'must be a non-empty array of paths');
      return { name, paths: go.paths.map((p, j) => str(p, `${path}.groups[${i}].paths[${j}]`)) };
    });
    return { groups };
  }
  if ('generated' in o) {
    keys(o, path, ['generated']);
    const g = obj(o.generated, `${path}.generated`);
    keys(g, `${path}.generated`, ['count', 'clipSeconds', 'kinds']);
    const out: { count?: number; clipSeconds?: number; kinds?: (typeof GENERATED_KINDS)[number][] } = {};
    if (g.count !== undefined) out.count = num(g.count, `${path}.generated.count`, { int: true, min: 1 });
    if (g.clipSeconds !== undefined) out.clipSeconds = num(g.clipSeconds, `${path}.generated.clipSeconds`, { gt: 0 });
    if (g.kinds !== undefined) {
      if (!Array.isArray(g.kinds) || g.kinds.length === 0) fail(`${path}.generated.kinds`, 'must be a non-empty array');
      out.kinds = g.kinds.map((k, i) => oneOf(k, `${path}.generated.kinds[${i}]`, GENERATED_KINDS));
    }
    return { generated: out };
  }
  fail(path, "must be { dir }, { groups: [{ name, paths }] } or { generated: {…} }");
}

/** Checks a complete training config; returns a clean copy or throws `TrainError('bad-config')`. */
export function validateTrainConfig(value: unknown): TrainConfig {
  const c = obj(value, '(root)');
  const top = ['name', 'model', 'mode', 'seed', 'steps', 'batchSize', 'excerptSeconds', 'optimizer', 'quantizer', 'lambdas', 'gan', 'mel', 'data', 'validation', 'checkpoint', 'logEvery', 'ema'];
  keys(c, '', top);
  for (const k of top) if (!(k in c) && k !== 'ema') fail(k, 'is missing');
  const ema = c.ema === undefined ? { decay: 0 } : obj(c.ema, 'ema');
  keys(ema, 'ema', ['decay']);

  const model = typeof c.model === 'string' ? str(c.model, 'model') : obj(c.model, 'model');
  const o = obj(c.optimizer, 'optimizer');
  keys(o, 'optimizer', ['lr', 'betas', 'eps', 'weightDecay', 'lrDecay', 'gradClipG', 'gradClipD']);
  const betas = numArray(o.betas, 'optimizer.betas', { min: 0, max: 0.999999 }, 2);
  if (betas.length !== 2) fail('optimizer.betas', 'must hold exactly two numbers');
  const q = obj(c.quantizer, 'quantizer');
  keys(q, 'quantizer', ['levels', 'fullCodebookRate', 'dropoutRate', 'estimator', 'alpha', 'detachImportanceInput', 'cbrWarmupSteps', 'quietRate']);
  const lv = obj(q.levels, 'quantizer.levels');
  keys(lv, 'quantizer.levels', ['min', 'max', 'distribution']);
  const lmin = num(lv.min, 'quantizer.levels.min', { gt: 0 });
  const lmax = num(lv.max, 'quantizer.levels.max', { gt: 0 });
  if (lmax < lmin) fail('quantizer.levels', `needs min ≤ max, got [${lmin}, ${lmax}]`);
  const fullRate = num(q.fullCodebookRate, 'quantizer.fullCodebookRate', { min: 0, max: 1 });
  const dropRate = num(q.dropoutRate, 'quantizer.dropoutRate', { min: 0, max: 1 });
  if (fullRate + dropRate > 1) fail('quantizer', `fullCodebookRate + dropoutRate must be ≤ 1, got ${fullRate + dropRate}`);
  const l = obj(c.lambdas, 'lambdas');
  keys(l, 'lambdas', ['mel', 'feature', 'adversarial', 'codebook', 'commitment', 'rate']);
  const g = obj(c.gan, 'gan');
  keys(g, 'gan', ['enabled', 'startStep', 'periods', 'fftSizes', 'channelScale']);
  const fftSizes = numArray(g.fftSizes, 'gan.fftSizes', { int: true, min: 8 }, 0);
  for (const [i, w] of fftSizes.entries()) if (w % 4 !== 0) fail(`gan.fftSizes[${i}]`, `must be a multiple of 4, got ${w}`);
  const m = obj(c.mel, 'mel');
  keys(m, 'mel', ['windowLengths', 'nMels']);
  const wins = numArray(m.windowLengths, 'mel.windowLengths', { int: true, min: 4 });
  const mels = numArray(m.nMels, 'mel.nMels', { int: true, min: 1 });
  if (wins.length !== mels.length) fail('mel', `needs one nMels per window: ${wins.length} windows, ${mels.length} nMels`);
  for (const [i, w] of wins.entries()) if (w % 4 !== 0) fail(`mel.windowLengths[${i}]`, `must be a multiple of 4 (hop = window/4), got ${w}`);
  const d = obj(c.data, 'data');
  keys(d, 'data', ['train', 'validation', 'salience', 'augment', 'cacheMb', 'prefetch']);
  const vd = obj(d.validation, 'data.validation');
  let validationData: TrainConfig['data']['validation'];
  if ('share' in vd) {
    keys(vd, 'data.validation', ['share']);
    validationData = { share: num(vd.share, 'data.validation.share', { min: 0, max: 0.5 }) };
  } else validationData = dataSpec(vd, 'data.validation');
  let salience: TrainConfig['data']['salience'] = null;
  if (d.salience !== null) {
    const s = obj(d.salience, 'data.salience');
    keys(s, 'data.salience', ['minLufs', 'maxDraws', 'keepQuietShare']);
    salience = {
      minLufs: num(s.minLufs, 'data.salience.minLufs'),
      maxDraws: num(s.maxDraws, 'data.salience.maxDraws', { int: true, min: 1 }),
      keepQuietShare: num(s.keepQuietShare, 'data.salience.keepQuietShare', { min: 0, max: 1 }),
    };
  }
  const a = obj(d.augment, 'data.augment');
  keys(a, 'data.augment', ['rescale', 'shiftPhase', 'volumeNormLufs']);
  const v = obj(c.validation, 'validation');
  keys(v, 'validation', ['every', 'count', 'seconds', 'levels', 'cbrCounts']);
  const ck = obj(c.checkpoint, 'checkpoint');
  keys(ck, 'checkpoint', ['every', 'keep']);

  return {
    name: str(c.name, 'name'),
    model: model as TrainConfig['model'],
    mode: oneOf(c.mode, 'mode', ['vbr', 'cbr'] as const),
    seed: num(c.seed, 'seed', { int: true, min: 0, max: 0xffffffff }),
    steps: num(c.steps, 'steps', { int: true, min: 1 }),
    batchSize: num(c.batchSize, 'batchSize', { int: true, min: 1 }),
    excerptSeconds: num(c.excerptSeconds, 'excerptSeconds', { gt: 0, max: 60 }),
    optimizer: {
      lr: num(o.lr, 'optimizer.lr', { gt: 0 }),
      betas: [betas[0], betas[1]],
      eps: num(o.eps, 'optimizer.eps', { gt: 0 }),
      weightDecay: num(o.weightDecay, 'optimizer.weightDecay', { min: 0 }),
      lrDecay: num(o.lrDecay, 'optimizer.lrDecay', { gt: 0, max: 1 }),
      gradClipG: num(o.gradClipG, 'optimizer.gradClipG', { gt: 0 }),
      gradClipD: num(o.gradClipD, 'optimizer.gradClipD', { gt: 0 }),
    },
    quantizer: {
      levels: { min: lmin, max: lmax, distribution: oneOf(lv.distribution, 'quantizer.levels.distribution', ['uniform', 'loguniform'] as const) },
      fullCodebookRate: fullRate,
      dropoutRate: dropRate,
      estimator: oneOf(q.estimator, 'quantizer.estimator', ['logcosh', 'ramp', 'sigmoid'] as const),
      alpha: num(q.alpha, 'quantizer.alpha', { gt: 0 }),
      detachImportanceInput: bool(q.detachImportanceInput, 'quantizer.detachImportanceInput'),
      // optional: configs stored before it existed mean 0
      cbrWarmupSteps: q.cbrWarmupSteps === undefined ? 0 : num(q.cbrWarmupSteps, 'quantizer.cbrWarmupSteps', { int: true, min: 0 }),
      quietRate: quietRate(q.quietRate),
    },
    lambdas: {
      mel: num(l.mel, 'lambdas.mel', { min: 0 }),
      feature: num(l.feature, 'lambdas.feature', { min: 0 }),
      adversarial: num(l.adversarial, 'lambdas.adversarial', { min: 0 }),
      codebook: num(l.codebook, 'lambdas.codebook', { min: 0 }),
      commitment: num(l.commitment, 'lambdas.commitment', { min: 0 }),
      rate: num(l.rate, 'lambdas.rate', { min: 0 }),
    },
    gan: {
      enabled: bool(g.enabled, 'gan.enabled'),
      startStep: num(g.startStep, 'gan.startStep', { int: true, min: 0 }),
      periods: numArray(g.periods, 'gan.periods', { int: true, min: 1 }, 0),
      fftSizes,
      channelScale: num(g.channelScale, 'gan.channelScale', { gt: 0, max: 4 }),
    },
    mel: { windowLengths: wins, nMels: mels },
    data: {
      train: dataSpec(d.train, 'data.train'),
      validation: validationData,
      salience,
      augment: {
        rescale: bool(a.rescale, 'data.augment.rescale'),
        shiftPhase: bool(a.shiftPhase, 'data.augment.shiftPhase'),
        volumeNormLufs: a.volumeNormLufs === null ? null : num(a.volumeNormLufs, 'data.augment.volumeNormLufs', { max: 0 }),
      },
      cacheMb: num(d.cacheMb, 'data.cacheMb', { min: 0 }),
      prefetch: num(d.prefetch, 'data.prefetch', { int: true, min: 0, max: 64 }),
    },
    validation: {
      every: num(v.every, 'validation.every', { int: true, min: 0 }),
      count: num(v.count, 'validation.count', { int: true, min: 0 }),
      seconds: num(v.seconds, 'validation.seconds', { gt: 0, max: 600 }),
      levels: numArray(v.levels, 'validation.levels', { gt: 0 }, 0),
      cbrCounts: numArray(v.cbrCounts, 'validation.cbrCounts', { int: true, min: 1 }, 0),
    },
    checkpoint: {
      every: num(ck.every, 'checkpoint.every', { int: true, min: 0 }),
      keep: num(ck.keep, 'checkpoint.keep', { int: true, min: 1 }),
    },
    logEvery: num(c.logEvery, 'logEvery', { int: true, min: 1 }),
    ema: { decay: num(ema.decay, 'ema.decay', { min: 0, max: 0.999999 }) },
  };
}

/** Deep merge for config objects: plain objects merge key by key, everything else replaces. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    // a data source of another kind ({ dir } → { generated }) replaces the old one instead of merging
    const replace = (k === 'train' || k === 'validation') && isObj(v) && isObj(base[k]) && !sameKind(base[k], v);
    out[k] = replace ? v : mergeConfig(base[k], v);
  }
  return out;
}

function sameKind(a: unknown, b: unknown): boolean {
  if (!isObj(a) || !isObj(b)) return false;
  const kind = (o: Obj) => ['dir', 'groups', 'generated', 'share'].find((k) => k in o);
  return kind(a) === kind(b);
}

/**
 * A config from a preset name (`tiny-cpu`, `paper-44k`) or a full config object, with
 * overrides merged in (nested objects field by field, arrays replaced), validated.
 */
export function resolveTrainConfig(base: string | TrainConfig, overrides: unknown = {}): TrainConfig {
  let start: unknown = base;
  if (typeof base === 'string') {
    start = TRAIN_PRESETS[base];
    if (!start) {
      throw new TrainError('bad-config', `unknown training config '${base}': use one of ${Object.keys(TRAIN_PRESETS).join(', ')}, or a JSON file`);
    }
  }
  return validateTrainConfig(mergeConfig(structuredClone(start), structuredClone(overrides)));
}
