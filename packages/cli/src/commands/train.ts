import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainConfig, parseSetting, type Setting, setPath, TRAIN_PRESETS, type TrainProgress, train } from '@vrvq/train';
import { type OptionSpec, flag, str } from '../args.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { formatDuration } from '../progress.js';

export const trainOptions: OptionSpec = {
  config: { type: 'string', short: 'c' },
  data: { type: 'string', short: 'd' },
  run: { type: 'string', short: 'r' },
  resume: { type: 'boolean' },
  steps: { type: 'string' },
  model: { type: 'string', short: 'm' },
  mode: { type: 'string' },
  estimator: { type: 'string' },
  set: { type: 'string', multiple: true },
};

export const trainHelp = `vrvq train [--config NAME|FILE.json] [--data DIR] [--run DIR] [--resume] [--steps N]
           [--model PRESET] [--mode vbr|cbr] [--estimator logcosh|ramp] [--set key.path=JSON …]

Trains a codec. The run folder gets config.json, metrics.jsonl, atomic checkpoints, the newest
model.safetensors and report.html; --resume continues from the latest checkpoint exactly.
Built-in configs: ${Object.keys(TRAIN_PRESETS).join(', ')}.

  -c, --config C     a built-in config name or a JSON file, which may start from a built-in one
                     with "extends": "tiny-cpu" (default tiny-cpu)
  -d, --data DIR     training audio: a folder of group sub-folders (scripts/make-training-set)
  -r, --run DIR      the run folder (default runs/<config name>)
      --resume       continue the run in --run from its latest checkpoint (with its own config
                     unless --config is given)
      --steps N      total steps (may be raised when resuming)
  -m, --model P      model preset (e.g. vrvq-tiny-24k)
      --mode M       vbr (VRVQ importance masks) or cbr (DAC quantizer dropout baseline)
      --estimator E  logcosh (proposed surrogate) or ramp (baseline estimator)
      --set K=V      override any config field, e.g. --set optimizer.lr=3e-4 --set gan.enabled=true

Examples:
  vrvq train --config tiny-cpu --data data/train --run runs/vrvq-tiny
  vrvq train --run runs/vrvq-tiny --resume --steps 20000
  vrvq train --config tiny-cpu --data data/train --mode cbr --run runs/cbr-tiny`;

/** Builds the config overrides from the command line. */
export function trainOverrides(v: CommandContext['args']['values']): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const data = str(v.data);
  if (data) setPath(o, 'data.train', { dir: data });
  const steps = str(v.steps);
  if (steps !== undefined) {
    const n = Number(steps);
    if (!Number.isInteger(n) || n < 1) throw usageError('--steps must be a positive whole number');
    o.steps = n;
  }
  if (str(v.model)) o.model = str(v.model);
  const mode = str(v.mode);
  if (mode !== undefined) {
    if (mode !== 'vbr' && mode !== 'cbr') throw usageError("--mode must be 'vbr' or 'cbr'");
    o.mode = mode;
    if (mode === 'cbr') {
      setPath(o, 'quantizer.dropoutRate', 0.5);
      setPath(o, 'quantizer.fullCodebookRate', 0);
      setPath(o, 'lambdas.rate', 0);
    }
  }
  const est = str(v.estimator);
  if (est !== undefined) {
    if (!['logcosh', 'ramp', 'sigmoid'].includes(est)) throw usageError("--estimator must be 'logcosh', 'ramp' or 'sigmoid'");
    setPath(o, 'quantizer.estimator', est);
  }
  for (const kv of (v.set as string[] | undefined) ?? []) {
    let setting: Setting;
    try {
      setting = parseSetting(kv);
    } catch (e) {
      throw usageError(`--set: ${(e as Error).message}`);
    }
    setPath(o, setting.path, setting.value);
  }
  return o;
}

function progressLine(p: TrainProgress): string {
  const loss = p.loss
    ? Object.entries(p.loss)
        .filter(([, x]) => x !== null)
        .slice(0, 5)
        .map(([k, x]) => `${k} ${(x as number).toFixed(3)}`)
        .join(' ')
    : '';
  const rate = p.stepsPerSecond ? `${p.stepsPerSecond.toFixed(2)} step/s` : '';
  const eta = p.etaSeconds !== null ? `ETA ${formatDuration(p.etaSeconds)}` : '';
  return `step ${p.step}/${p.steps} ${loss} ${rate} ${eta}`.replace(/\s+/g, ' ').trim();
}

export async function runTrain(ctx: CommandContext): Promise<number> {
  if (ctx.args.positionals.length) throw usageError(`unexpected argument '${ctx.args.positionals[0]}'`);
  const v = ctx.args.values;
  // Resuming without --config continues the run's own config (config.json in the run folder);
  // the options given now are applied on top (only steps/validation/checkpoint/logEvery may differ).
  const runArg = str(v.run);
  const stored = flag(v.resume) && !str(v.config) && runArg ? join(runArg, 'config.json') : null;
  const base = stored && existsSync(stored) ? stored : (str(v.config) ?? 'tiny-cpu');
  const config = await loadTrainConfig(base, trainOverrides(v));
  const runDir = runArg ?? `runs/${config.name}`;
  await ctx.backend();
  const abort = new AbortController();
  const stop = () => {
    if (!abort.signal.aborted) {
      ctx.note('\nstopping: writing a checkpoint at the current step (Ctrl-C again to quit at once)');
      abort.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const tty = Boolean(process.stderr.isTTY) && !ctx.quiet;
  let lastLog = 0;
  try {
    const result = await train(config, {
      runDir,
      resume: flag(v.resume),
      signal: abort.signal,
      onProgress: (p) => {
        if (ctx.quiet || ctx.json) return;
        if (p.message) ctx.note(`${tty ? '\r\x1b[K' : ''}${p.message}`);
        const now = Date.now();
        if (tty) process.stderr.write(`\r${progressLine(p)}\x1b[K`);
        else if (now - lastLog > 30_000 || p.phase === 'done') {
          lastLog = now;
          process.stderr.write(`${progressLine(p)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (ctx.json) ctx.outJson(result);
    else ctx.out(`${result.stopped === 'completed' ? 'finished' : 'stopped'} at step ${result.step}; weights: ${result.modelPath}; report: ${runDir}/report.html`);
    return result.stopped === 'completed' ? 0 : 130;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
