#!/usr/bin/env node
// Prints one Markdown table comparing evaluations of the main model (scripts/evaluate.mjs output),
// a column per file: VBR against its own CBR curve, quiet bits against speech, mel at chosen ℓ.
//
//   node scripts/compare-results.mjs LABEL=FILE [LABEL=FILE …] [--levels 1,4]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkpointTable } from './eval/checkpoint-table.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { levels: { type: 'string' } } });
if (positionals.length === 0) {
  console.error('usage: node scripts/compare-results.mjs LABEL=FILE [LABEL=FILE …] [--levels 1,4]');
  process.exit(2);
}
const runs = positionals.map((p) => {
  const i = p.indexOf('=');
  if (i <= 0) {
    console.error(`compare-results: '${p}' is not LABEL=FILE`);
    process.exit(2);
  }
  return { label: p.slice(0, i), results: JSON.parse(readFileSync(p.slice(i + 1), 'utf8')) };
});
const levels = values.levels?.split(',').map(Number);
if (levels?.some((l) => !(l > 0))) {
  console.error(`compare-results: --levels must be positive numbers, got '${values.levels}'`);
  process.exit(2);
}
console.log(checkpointTable(runs, { levels }));
