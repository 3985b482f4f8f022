#!/usr/bin/env node
// Ships a trained model: copies a run's newest weights (the averaged ones when the run keeps them)
// into packages/models/weights/NAME.safetensors with metadata (preset, steps, training-data
// summary, config) and regenerates the catalog.
//
//   node scripts/ship-model.mjs runs/vrvq-tiny [--name vrvq-tiny-24k] [--description "…"]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSafetensors, writeSafetensors } from '../packages/core/dist/index.js';
import { AVERAGE_FILE } from '../packages/train/dist/index.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, description: { type: 'string' } } });
const run = positionals[0];
if (!run) throw new Error('usage: ship-model.mjs RUN_DIR [--name NAME] [--description TEXT]');
const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
const latest = JSON.parse(readFileSync(join(run, 'checkpoints', 'latest.json'), 'utf8'));
// the averaged weights (EMA) when the run keeps them, else the raw ones
const ckpt = join(run, 'checkpoints', latest.dir);
const srcFile = existsSync(join(ckpt, AVERAGE_FILE)) ? AVERAGE_FILE : 'model.safetensors';
const src = readSafetensors(new Uint8Array(readFileSync(join(ckpt, srcFile))));
console.log(`shipping ${join(ckpt, srcFile)}`);
const preset = JSON.parse(src.metadata['vrvq.preset']);
const name = values.name ?? preset.name;

// Training-data summary from the run's manifest, when the data folder has one.
let data = 'unknown';
const dir = config.data?.train?.dir;
if (dir && existsSync(join(dir, 'manifest.tsv'))) {
  const rows = readFileSync(join(dir, 'manifest.tsv'), 'utf8').trim().split('\n');
  const head = rows.shift().split('\t');
  const gi = head.indexOf('group');
  const di = head.indexOf('duration');
  const per = {};
  for (const r of rows) {
    const c = r.split('\t');
    per[c[gi]] = (per[c[gi]] ?? 0) + Number(c[di] ?? 0);
  }
  data = Object.entries(per).map(([g, s]) => `${g} ${(s / 3600).toFixed(2)} h`).join(', ') + ' (scripts/make-training-set, Debian packages + TTS)';
}
const meta = {
  ...src.metadata,
  'vrvq.name': name,
  'vrvq.steps': String(latest.step),
  'vrvq.training-data': data,
  'vrvq.training-config': JSON.stringify(config),
  'vrvq.shipped': new Date().toISOString(),
};
const bytes = writeSafetensors([...src.tensors.values()], meta);
const file = `${name}.safetensors`;
const out = join('packages', 'models', 'weights', file);
writeFileSync(`${out}.tmp`, bytes);
renameSync(`${out}.tmp`, out);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const description =
  values.description ??
  `${preset.description ?? name} Trained ${latest.step} steps (${config.mode}, config ${config.name}) on ${data}.`;

// Regenerate the catalog: keep other entries, replace this one.
const catalogPath = join('packages', 'models', 'src', 'catalog.ts');
const catalog = readFileSync(catalogPath, 'utf8');
const m = catalog.match(/export const MODELS: readonly ShippedModel\[\] = (\[[\s\S]*?\]);\n/);
const entries = JSON.parse(m[1].replace(/,(\s*[\]}])/g, '$1') || '[]').filter((e) => e.name !== name);
entries.push({ name, file, sha256, bytes: bytes.length, steps: latest.step, description });
entries.sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(catalogPath, catalog.replace(m[0], `export const MODELS: readonly ShippedModel[] = ${JSON.stringify(entries, null, 2)};\n`));
console.log(`shipped ${name}: ${bytes.length} bytes, step ${latest.step}, sha256 ${sha256.slice(0, 16)}…`);
