import type { TrainConfig } from './config.js';
import type { MetricsRecord } from './run-dir.js';
import { escapeXml, lineChart, type Series } from './svg-chart.js';
import type { RatePoint } from './validate.js';

const TRAIN_KEYS = ['total', 'mel', 'adversarial', 'feature', 'discriminator', 'codebook', 'commitment', 'rate', 'stft', 'waveformL1'];

/** Moving average over a window of w points (for noisy per-step losses). */
function smooth(points: Array<[number, number]>, w: number): Array<[number, number]> {
  if (w <= 1) return points;
  const out: Array<[number, number]> = [];
  let acc = 0;
  for (let i = 0; i < points.length; i++) {
    acc += points[i][1];
    if (i >= w) acc -= points[i - w][1];
    out.push([points[i][0], acc / Math.min(i + 1, w)]);
  }
  return out;
}

/**
 * The run report: a standalone HTML page with inline SVG curves of every training loss, the
 * validation metrics over steps, and the latest rate–distortion curve (VBR ℓ sweep vs CBR counts).
 */
export function renderReport(config: TrainConfig, records: MetricsRecord[], now = new Date()): string {
  const train = records.filter((r) => r.type === 'train');
  const val = records.filter((r) => r.type === 'validation');
  const skips = records.filter((r) => r.type === 'skip');
  const w = Math.max(1, Math.round(train.length / 100));
  const charts: string[] = [];
  for (const k of TRAIN_KEYS) {
    const pts = train
      .map((r) => [r.step, (r.loss as Record<string, number | null>)?.[k]] as [number, number | null])
      .filter((p): p is [number, number] => typeof p[1] === 'number');
    if (pts.length === 0) continue;
    charts.push(
      lineChart({
        title: `train ${k}`,
        xLabel: 'step',
        yLabel: k,
        logY: k === 'total' || k === 'mel' || k === 'codebook' || k === 'commitment',
        series: [{ name: w > 1 ? `${k} (mean of ${w})` : k, points: smooth(pts, w) }],
      }),
    );
  }
  const cbrMax = (r: MetricsRecord) => (r.points as RatePoint[]).filter((p) => p.mode === 'cbr').at(-1);
  const vbrMid = (r: MetricsRecord) => {
    const v = (r.points as RatePoint[]).filter((p) => p.mode === 'vbr');
    return v.find((p) => p.level === 1) ?? v[Math.floor(v.length / 2)];
  };
  const overSteps = (pick: (r: MetricsRecord) => RatePoint | undefined, key: keyof RatePoint): Array<[number, number]> =>
    val.map((r) => [r.step, pick(r)?.[key] as number] as [number, number]).filter((p) => typeof p[1] === 'number');
  const valCharts: string[] = [];
  for (const [key, label] of [
    ['mel', 'mel distance'],
    ['sisdr', 'SI-SDR (dB)'],
    ['kbps', 'kbps'],
  ] as const) {
    const series: Series[] = [
      { name: 'CBR, all codebooks', points: overSteps(cbrMax, key), markers: true },
      { name: 'VBR, ℓ = 1 (or middle ℓ)', points: overSteps(vbrMid, key), markers: true },
    ].filter((s) => s.points.length);
    valCharts.push(lineChart({ title: `validation ${label}`, xLabel: 'step', yLabel: label, series }));
  }
  const last = val.at(-1);
  const rd: string[] = [];
  if (last) {
    const pts = last.points as RatePoint[];
    for (const [key, label] of [
      ['sisdr', 'SI-SDR (dB)'],
      ['mel', 'mel distance'],
    ] as const) {
      rd.push(
        lineChart({
          title: `rate–distortion at step ${last.step}`,
          xLabel: 'kbps (VBR includes side info)',
          yLabel: label,
          series: [
            { name: 'VBR (ℓ sweep)', points: pts.filter((p) => p.mode === 'vbr').map((p) => [p.kbps, p[key]] as [number, number]).sort((a, b) => a[0] - b[0]), markers: true },
            { name: 'CBR (n codebooks)', points: pts.filter((p) => p.mode === 'cbr').map((p) => [p.kbps, p[key]] as [number, number]), markers: true },
          ],
        }),
      );
    }
  }
  const table = last
    ? `<table><tr><th>mode</th><th>ℓ / n</th><th>kbps</th><th>codebooks/frame</th><th>mel</th><th>STFT</th><th>SI-SDR dB</th></tr>${(last.points as RatePoint[])
        .map(
          (p) =>
            `<tr><td>${p.mode}</td><td>${p.mode === 'vbr' ? p.level : p.n}</td><td>${p.kbps.toFixed(3)}</td><td>${p.meanCodebooks.toFixed(2)}</td><td>${p.mel.toFixed(3)}</td><td>${p.stft.toFixed(3)}</td><td>${p.sisdr.toFixed(2)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>No validation yet.</p>';
  const lastTrain = train.at(-1);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vrvq training report — ${escapeXml(config.name)}</title>
<style>body{font-family:sans-serif;margin:24px;color:#222}h2{margin-top:32px}.grid{display:flex;flex-wrap:wrap;gap:12px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:300px}</style>
</head><body>
<h1>vrvq training report: ${escapeXml(config.name)}</h1>
<p>Model <b>${escapeXml(typeof config.model === 'string' ? config.model : String(config.model.name ?? 'custom'))}</b>, mode <b>${config.mode}</b>,
step <b>${lastTrain?.step ?? 0}</b> of ${config.steps}${skips.length ? `, ${skips.length} skipped step(s) (non-finite gradients)` : ''}. Generated ${escapeXml(now.toISOString())}.</p>
<h2>Rate–distortion (latest validation)</h2><div class="grid">${rd.join('')}</div>${table}
<h2>Validation over training</h2><div class="grid">${valCharts.join('')}</div>
<h2>Training losses</h2><div class="grid">${charts.join('')}</div>
<h2>Config</h2><pre>${escapeXml(JSON.stringify(config, null, 2))}</pre>
</body></html>
`;
}
