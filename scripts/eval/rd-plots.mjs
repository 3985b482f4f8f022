// Rate–distortion plots from the results JSON: one curve per system, metric against kbps.
import { SYSTEMS } from './settings.mjs';
import { chartGroup, svgDocument } from './svg-chart.mjs';

const STYLE = {
  'vrvq-vbr': { color: '#1f77b4', marker: 'circle' },
  'vrvq-cbr': { color: '#1f77b4', dash: '6 4', marker: 'square' },
  'baseline-cbr': { color: '#ff7f0e', dash: '6 4', marker: 'square' },
  'ramp-vbr': { color: '#2ca02c', marker: 'diamond' },
  'opus-vbr': { color: '#555555', marker: 'triangle' },
  'opus-cbr': { color: '#555555', dash: '3 3', marker: 'open' },
};

export const METRICS = {
  melDistance: { label: 'mel distance (lower is better)', file: 'rd-mel.svg', title: 'Mel distance vs bitrate' },
  siSdr: { label: 'SI-SDR, dB (higher is better)', file: 'rd-sisdr.svg', title: 'SI-SDR vs bitrate' },
  stftDistance: { label: 'STFT distance (lower is better)', file: 'rd-stft.svg', title: 'STFT distance vs bitrate' },
};

/**
 * Curves of every system for one metric, from overall means or one group's means.
 * @param {any} results
 * @param {keyof typeof METRICS} metric
 * @param {string | null} group
 */
export function seriesFor(results, metric, group = null) {
  return Object.keys(SYSTEMS)
    .map((sys) => ({
      name: SYSTEMS[sys].name,
      ...STYLE[sys],
      points: results.settings
        .filter((s) => s.system === sys)
        .map((s) => (group ? s.groups[group] : s.mean))
        .filter((m) => m && m[metric] !== null && m[metric] !== undefined)
        .map((m) => ({ x: m.kbps, y: m[metric] })),
    }))
    .filter((s) => s.points.length > 0);
}

/**
 * SVG documents to write: file name → text.
 * @param {any} results
 * @returns {Map<string, string>}
 */
export function rdPlots(results) {
  const files = new Map();
  const note = `${results.clips.length} clips, ≤ ${results.options.maxSeconds} s each; kbps incl. side info`;
  for (const [metric, meta] of Object.entries(METRICS)) {
    const g = chartGroup({
      x0: 0,
      y0: 0,
      w: 760,
      h: 440,
      title: `${meta.title} (${note})`,
      xLabel: 'kbps',
      yLabel: meta.label,
      series: seriesFor(results, metric),
    });
    files.set(meta.file, svgDocument(760, 440, [g]));
  }
  const groups = [...new Set(results.clips.map((c) => c.group))];
  for (const metric of ['melDistance', 'siSdr']) {
    const w = 560;
    const h = 340;
    const panels = groups.map((group, i) =>
      chartGroup({
        x0: (i % 2) * w,
        y0: Math.floor(i / 2) * h,
        w,
        h,
        title: `${group} (${results.clips.filter((c) => c.group === group).length} clips)`,
        xLabel: 'kbps',
        yLabel: METRICS[metric].label,
        series: seriesFor(results, metric, group),
      }),
    );
    files.set(METRICS[metric].file.replace('.svg', '-groups.svg'), svgDocument(2 * w, Math.ceil(groups.length / 2) * h, panels));
  }
  return files;
}
