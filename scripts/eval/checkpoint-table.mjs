// One Markdown table comparing several evaluations of the main model (e.g. checkpoints of a run,
// or runs trained differently): a column per results file, a row per figure that issue 8 asks
// about — VBR against the model's own CBR curve, quiet and speech-with-pauses bits against speech
// (raw count and entropy-coded files), and mel distance at chosen levels.
import { table } from './tables.mjs';

const fmt = (v, d) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const range = (xs, d) => {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? `${fmt(Math.min(...v), d)} … ${fmt(Math.max(...v), d)}` : '–';
};

/**
 * @param {{ label: string, results: any }[]} runs
 * @param {{ levels?: number[] }} [opts] VBR levels whose kbps/mel get a row each (default 1 and 4)
 */
export function checkpointTable(runs, opts = {}) {
  const levels = opts.levels ?? [1, 4];
  const setting = (r, system, param) => r.settings.find((s) => s.system === system && s.param === param)?.mean ?? null;
  const rows = [
    ['VBR mel below own CBR curve (levels)', (r) => {
      const c = r.comparisons.vbrVsCbr.filter((x) => x.deltaMel !== null);
      return `${c.filter((x) => x.deltaMel < 0).length} of ${c.length}`;
    }],
    ['Δ mel VBR − CBR (range)', (r) => range(r.comparisons.vbrVsCbr.map((x) => x.deltaMel), 3)],
    ...levels.map((l) => [`VBR ℓ = ${l}: kbps / mel`, (r) => {
      const m = setting(r, 'vrvq-vbr', l);
      return m ? `${fmt(m.kbps, 2)} / ${fmt(m.melDistance, 3)}` : '–';
    }]),
    ['CBR n = 1 / 8: mel', (r) => `${fmt(setting(r, 'vrvq-cbr', 1)?.melDistance, 3)} / ${fmt(setting(r, 'vrvq-cbr', 8)?.melDistance, 3)}`],
    ['quiet / speech, raw (range over ℓ)', (r) => range(r.comparisons.quietVsSpeech.map((x) => x.quietOverSpeech), 2)],
    ['pauses / speech, raw', (r) => range(r.comparisons.quietVsSpeech.map((x) => x.pausesOverSpeech), 2)],
    ['quiet / speech, entropy-coded', (r) => range(r.comparisons.quietVsSpeech.map((x) => x.quietOverSpeechFile), 2)],
    ['pauses / speech, entropy-coded', (r) => range(r.comparisons.quietVsSpeech.map((x) => x.pausesOverSpeechFile), 2)],
  ];
  return table(
    ['', ...runs.map((x) => x.label)],
    rows.map(([name, f]) => [name, ...runs.map((x) => f(x.results))]),
  );
}
