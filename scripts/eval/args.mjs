// Command line of scripts/evaluate.mjs.
import { parseArgs } from 'node:util';
import { EvaluationError } from './errors.mjs';
import { DEFAULT_LEVELS, DEFAULT_OPUS_KBPS } from './settings.mjs';

export const USAGE = `usage: node scripts/evaluate.mjs --model PATH [options]

Evaluates trained models and Opus on the held-out test set and writes one JSON file
(then run scripts/plot-results.mjs to draw the plots and refresh docs/results.md).

  --model PATH          main VRVQ weights (e.g. runs/vrvq-tiny/model.safetensors): VBR at every
                        level and CBR mode n = 1…N_q
  --cbr-baseline PATH   CBR baseline weights (CBR n = 1…N_q); skipped with a note if absent
  --ramp PATH           ramp-estimator VRVQ weights (VBR at every level); skipped if absent
  --test DIR            test set folder with manifest.tsv (default data/test)
  --per-group K         clips per group (default 8)
  --max-clips N         at most N clips in all, taken round-robin over the groups
  --max-seconds S       first S seconds of each clip (default 8)
  --min-seconds S       skip clips shorter than S seconds (default 2)
  --levels L,L,…        VBR levels ℓ (default ${DEFAULT_LEVELS.join(',')})
  --opus-kbps K,K,…     Opus bitrates (default ${DEFAULT_OPUS_KBPS.join(',')}); --no-opus to skip Opus
  --figure-clip PATH    clip for the codebook-usage picture (default: the first quiet/…pauses… clip)
  --figure-seconds S    seconds of it to analyse (default 12)
  --label TEXT          a note stored with the results (e.g. "preliminary")
  --out PATH            output JSON (default docs/results/results.json)
  --help                this text`;

/** A comma-separated list of positive numbers. */
function numbers(name, text) {
  const xs = text.split(',').map((s) => Number(s.trim()));
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x <= 0)) {
    throw new EvaluationError('usage', `--${name} needs a comma-separated list of positive numbers, got "${text}".`);
  }
  return xs;
}

function positive(name, text, integer) {
  const x = Number(text);
  if (!Number.isFinite(x) || x <= 0 || (integer && !Number.isInteger(x))) {
    throw new EvaluationError('usage', `--${name} needs a positive ${integer ? 'integer' : 'number'}, got "${text}".`);
  }
  return x;
}

/**
 * @param {string[]} argv arguments after the script name
 */
export function parseEvaluateArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      strict: true,
      options: {
        model: { type: 'string' },
        'cbr-baseline': { type: 'string' },
        ramp: { type: 'string' },
        test: { type: 'string', default: 'data/test' },
        'per-group': { type: 'string', default: '8' },
        'max-clips': { type: 'string' },
        'max-seconds': { type: 'string', default: '8' },
        'min-seconds': { type: 'string', default: '2' },
        levels: { type: 'string' },
        'opus-kbps': { type: 'string' },
        'no-opus': { type: 'boolean', default: false },
        'figure-clip': { type: 'string' },
        'figure-seconds': { type: 'string', default: '12' },
        label: { type: 'string', default: '' },
        out: { type: 'string', default: 'docs/results/results.json' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new EvaluationError('usage', `${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  if (values.help) return { help: true };
  if (!values.model) throw new EvaluationError('usage', `--model is required.\n\n${USAGE}`);
  return {
    help: false,
    model: values.model,
    cbrBaseline: values['cbr-baseline'] ?? null,
    ramp: values.ramp ?? null,
    test: values.test,
    perGroup: positive('per-group', values['per-group'], true),
    maxClips: values['max-clips'] === undefined ? undefined : positive('max-clips', values['max-clips'], true),
    maxSeconds: positive('max-seconds', values['max-seconds'], false),
    minSeconds: positive('min-seconds', values['min-seconds'], false),
    levels: values.levels ? numbers('levels', values.levels) : DEFAULT_LEVELS,
    opusKbps: values['no-opus'] ? [] : values['opus-kbps'] ? numbers('opus-kbps', values['opus-kbps']) : DEFAULT_OPUS_KBPS,
    figureClip: values['figure-clip'] ?? null,
    figureSeconds: positive('figure-seconds', values['figure-seconds'], false),
    label: values.label,
    out: values.out,
  };
}
