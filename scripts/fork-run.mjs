#!/usr/bin/env node
// Starts a new training run from a checkpoint of another run, with a changed config: the new run
// shares the old one's history up to that step (weights, optimiser state, data position, metrics)
// and continues with the new settings. Used for the baselines of the default model: its VRVQ run
// starts with CBR warm-up steps, so the CBR baseline and the ramp-estimator run fork from the
// warm-up's last checkpoint instead of repeating those steps.
//
//   node scripts/fork-run.mjs runs/vrvq-tiny runs/cbr-tiny --set mode=cbr --set quantizer.dropoutRate=0.5
//   node scripts/fork-run.mjs runs/vrvq-tiny runs/ramp-tiny --step 2000 --set quantizer.estimator='"ramp"'
//   then: vrvq train --run runs/cbr-tiny --resume      (or scripts/train-run.sh cbr-tiny)
//
// --step N takes checkpoints/step-N (default: the latest). Values of --set are read as JSON when
// they parse, else as the bare string (as `vrvq train --set`).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasPath, parseSetting, setPath, validateTrainConfig } from '../packages/train/dist/index.js';

function fail(message) {
  console.error(`fork-run: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { step: { type: 'string' }, set: { type: 'string', multiple: true, default: [] }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals.length !== 2) {
  console.error('usage: node scripts/fork-run.mjs SRC_RUN DST_RUN [--step N] [--set key.path=JSON …]');
  process.exit(values.help ? 0 : 2);
}
const [src, dst] = positionals;
if (existsSync(dst)) fail(`'${dst}' exists already: choose a new run folder`);
if (!existsSync(join(src, 'config.json'))) fail(`'${src}' is not a run folder (no config.json)`);

const step = values.step !== undefined ? Number(values.step) : JSON.parse(readFileSync(join(src, 'checkpoints', 'latest.json'), 'utf8')).step;
if (!Number.isInteger(step) || step < 0) fail(`--step must be a step number, got '${values.step}'`);
const dir = `step-${String(step).padStart(8, '0')}`;
if (!existsSync(join(src, 'checkpoints', dir))) fail(`'${src}' has no checkpoint at step ${step} (checkpoints/${dir})`);

// config: the source's (validated first, so settings added since it was written exist with their
// defaults), with the overrides applied, validated again like any training config
let config;
try {
  config = validateTrainConfig(JSON.parse(readFileSync(join(src, 'config.json'), 'utf8')));
} catch (e) {
  fail(`${src}/config.json: ${e.message}`);
}
const changes = {};
for (const item of values.set) {
  let setting;
  try {
    setting = parseSetting(item);
  } catch (e) {
    fail(`--set: ${e.message}`);
  }
  if (!hasPath(config, setting.path)) fail(`--set ${setting.path}: no such setting`);
  setPath(config, setting.path, setting.value);
  changes[setting.path] = setting.value;
}
let validated;
try {
  validated = validateTrainConfig(config);
} catch (e) {
  fail(e.message);
}

// the checkpoint, the metrics up to that step, and a record of the fork
mkdirSync(join(dst, 'checkpoints'), { recursive: true });
cpSync(join(src, 'checkpoints', dir), join(dst, 'checkpoints', dir), { recursive: true });
writeFileSync(join(dst, 'checkpoints', 'latest.json'), JSON.stringify({ step, dir }));
writeFileSync(join(dst, 'config.json'), `${JSON.stringify(validated, null, 2)}\n`);
const metrics = existsSync(join(src, 'metrics.jsonl'))
  ? readFileSync(join(src, 'metrics.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && JSON.parse(l).step <= step)
  : [];
const time = metrics.length ? (JSON.parse(metrics.at(-1)).time ?? 0) : 0;
metrics.push(JSON.stringify({ type: 'event', step, time, event: 'fork', data: { from: src, step, changes } }));
writeFileSync(join(dst, 'metrics.jsonl'), `${metrics.join('\n')}\n`);
console.log(`forked ${src} at step ${step} → ${dst} (${Object.keys(changes).join(', ') || 'no changes'}); continue with: vrvq train --run ${dst} --resume`);
