#!/usr/bin/env node
// Draws the results of scripts/evaluate.mjs: rate–distortion plots (SVG), the codebook-usage
// picture (PNG, like the VRVQ paper's Fig. 4), and the generated tables in docs/results.md
// (between <!-- results:NAME:begin/end --> markers; hand-written text around them is kept).
//
//   node scripts/plot-results.mjs [--in docs/results/results.json] [--out-dir docs/results]
//                                 [--doc docs/results.md] [--test data/test] [--no-doc]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drawCodebookFigure } from './eval/codebook-figure.mjs';
import { EvaluationError } from './eval/errors.mjs';
import { replaceSections } from './eval/markers.mjs';
import { rdPlots } from './eval/rd-plots.mjs';
import { resultSections } from './eval/tables.mjs';
import { REBUILD_HINT, loadClip } from './eval/testset.mjs';

const USAGE = `usage: node scripts/plot-results.mjs [--in FILE] [--out-dir DIR] [--doc FILE] [--test DIR] [--no-doc]

  --in FILE       results of scripts/evaluate.mjs (default docs/results/results.json)
  --out-dir DIR   where the SVG plots and codebook-usage.png go (default docs/results)
  --doc FILE      Markdown file whose generated sections are refreshed (default docs/results.md)
  --test DIR      test set, for the spectrogram of the codebook-usage clip (default: as evaluated)
  --no-doc        only draw, leave the Markdown alone`;

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((a) => a !== '--'),
      options: {
        in: { type: 'string', default: 'docs/results/results.json' },
        'out-dir': { type: 'string', default: 'docs/results' },
        doc: { type: 'string', default: 'docs/results.md' },
        test: { type: 'string' },
        'no-doc': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new EvaluationError('usage', `${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!existsSync(values.in)) throw new EvaluationError('missing_file', `No results at ${values.in}: run scripts/evaluate.mjs first.`);
  const results = JSON.parse(readFileSync(values.in, 'utf8'));
  if (results.format !== 'vrvq-eval/1') throw new EvaluationError('bad_results', `${values.in} is not a vrvq-eval/1 results file.`);
  const outDir = values['out-dir'];
  mkdirSync(outDir, { recursive: true });

  for (const [name, svg] of rdPlots(results)) {
    writeFileSync(join(outDir, name), svg);
    console.error(`wrote ${join(outDir, name)}`);
  }

  if (results.figure) {
    const fig = results.figure;
    const testDir = values.test ?? results.options.test;
    if (!existsSync(join(testDir, fig.clip))) {
      throw new EvaluationError('missing_file', `The codebook-usage clip ${join(testDir, fig.clip)} is missing. ${REBUILD_HINT}`);
    }
    const x = loadClip(testDir, fig.clip, { sampleRate: fig.sampleRate, maxSeconds: fig.seconds, hop: fig.hop, offsetSeconds: fig.offsetSeconds });
    const main = results.models.find((m) => m.role === 'vrvq');
    const title = `CODEBOOK USAGE - ${fig.clip} - ${main.preset} STEP ${main.step ?? '?'}`;
    const file = join(outDir, 'codebook-usage.png');
    writeFileSync(file, drawCodebookFigure(fig, x, title).toPng());
    console.error(`wrote ${file}`);
  }

  if (!values['no-doc']) {
    if (!existsSync(values.doc)) throw new EvaluationError('missing_file', `No ${values.doc} to update (pass --no-doc to only draw).`);
    const { text, missing } = replaceSections(readFileSync(values.doc, 'utf8'), resultSections(results));
    writeFileSync(values.doc, text);
    console.error(`updated the tables in ${values.doc}`);
    for (const m of missing) console.error(`note: ${values.doc} has no markers for section "${m}"; not written`);
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof EvaluationError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(e instanceof EvaluationError && e.code === 'usage' ? 2 : 1);
}
