#!/usr/bin/env node
// Measures what `vrvq encode --entropy` saves on real codes (docs/bitstream.md §11): encodes
// examples/speech.wav and a balanced subset of the held-out test set with the built CLI, with and
// without --entropy, in three modes, and prints a Markdown table of total file sizes, then a table of
// how evenly the codes of every quantizer level use their codebook (CBR mode, all levels).
//
//   node scripts/entropy-savings.mjs [--model NAME|PATH] [--clips N] [--test-dir DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeFile } from '../packages/bitstream/dist/index.js';
import { CodeUsage } from './bitstream/code-usage.mjs';
import { readManifest, selectClips } from './eval/testset.mjs';

const MODES = [
  { label: 'VBR ℓ = 1 (default)', args: [] },
  { label: 'VBR ℓ = 4', args: ['--level', '4'] },
  // every frame carries all levels, so its raw files also give the code usage of every level
  { label: 'CBR 8 codebooks', args: ['--cbr', '8'], countUsage: true },
];

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    clips: { type: 'string', default: '8' },
    'test-dir': { type: 'string', default: 'data/test' },
  },
});
const clips = Number(values.clips);
if (!Number.isInteger(clips) || clips < 0) throw new Error(`--clips must be a whole number, got ${values.clips}`);

const testDir = values['test-dir'];
const picked = selectClips(readManifest(testDir), { perGroup: Math.ceil(clips / 4), minSeconds: 5, maxClips: clips });
const files = ['examples/speech.wav', ...picked.map((r) => join(testDir, r.path))];
const modelArgs = values.model ? ['--model', values.model] : [];
const work = mkdtempSync(join(tmpdir(), 'vrvq-entropy-'));

const encoded = join(work, 'x.vrvq');
/** @type {CodeUsage | undefined} filled from the raw files of the mode with `countUsage` */
let usage;

/** File size in bytes of `vrvq encode FILE … -o encoded --json`. */
const encodedBytes = (file, extra) => {
  const out = execFileSync(
    process.execPath,
    ['packages/cli/dist/bin.js', 'encode', file, '-o', encoded, '--json', '-q', ...modelArgs, ...extra],
    { encoding: 'utf8' },
  );
  return JSON.parse(out)[0].bytes;
};

/** Adds the codes of the file just written to `usage`. */
const countUsage = () => {
  const { header, channels } = decodeFile(new Uint8Array(readFileSync(encoded)));
  usage ??= new CodeUsage(header.nq, header.codebookSize);
  for (const ch of channels) usage.add(ch);
};

try {
  console.error(`${files.length} files: ${files.join(', ')}`);
  console.log('| mode | raw bytes | entropy bytes | entropy / raw |');
  console.log('|---|---|---|---|');
  for (const mode of MODES) {
    let raw = 0;
    let coded = 0;
    for (const f of files) {
      raw += encodedBytes(f, mode.args);
      if (mode.countUsage) countUsage();
      coded += encodedBytes(f, [...mode.args, '--entropy']);
    }
    const pct = ((100 * coded) / raw).toFixed(1);
    console.log(`| ${mode.label} | ${raw.toLocaleString('en')} | ${coded.toLocaleString('en')} | **${pct} %** |`);
  }
  if (usage) {
    const K = usage.hist[0].length;
    console.log(`\n| level | codes | entries used (of ${K}) | code entropy (bits) | entries holding 90 % |`);
    console.log('|---:|---:|---:|---:|---:|');
    for (const r of usage.summary()) {
      console.log(`| ${r.level} | ${r.codes.toLocaleString('en')} | ${r.used} | ${r.entropyBits.toFixed(2)} | ${r.entriesFor90} |`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
