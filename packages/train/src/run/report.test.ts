import { describe, expect, it } from 'vitest';
import { TINY_CPU } from './presets.js';
import { renderReport } from './report.js';
import type { MetricsRecord } from './run-dir.js';
import { lineChart } from './svg-chart.js';

describe('report', () => {
  it('draws scaled polylines and escapes text', () => {
    const svg = lineChart({ title: 'a<b', xLabel: 'x', yLabel: 'y', series: [{ name: 'x&y', points: [[0, 0], [10, 5]] }], width: 200, height: 100 });
    expect(svg).toContain('a&#60;b');
    expect(svg).toContain('x&#38;y');
    // margins l 64, r 16, t 28, b 44 → x from 64 to 184; y padded 5 % → 0 maps to 56 − 28·(0.25/5.5)…
    const d = /<path d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/.exec(svg)!;
    expect(Number(d[1])).toBeCloseTo(64, 1);
    expect(Number(d[3])).toBeCloseTo(184, 1);
    expect(Number(d[2])).toBeGreaterThan(Number(d[4])); // larger y is higher up
    expect(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [] })).toContain('no data yet');
  });

  it('renders loss curves, validation curves and the rate–distortion table from metrics', () => {
    const recs: MetricsRecord[] = [
      ...[1, 2, 3].map((s) => ({ type: 'train' as const, step: s, loss: { total: 10 / s, mel: 5 / s, rate: 0.5, adversarial: null } })),
      {
        type: 'validation',
        step: 3,
        points: [
          { mode: 'vbr', level: 1, kbps: 3.1, mel: 1.2, stft: 2, sisdr: 7.5, waveformL1: 0.1, meanCodebooks: 3.3 },
          { mode: 'cbr', n: 8, kbps: 6.89, mel: 1, stft: 1.8, sisdr: 9, waveformL1: 0.1, meanCodebooks: 8 },
        ],
      },
      { type: 'skip', step: 2 },
    ];
    const html = renderReport(TINY_CPU, recs, new Date(0));
    expect(html).toContain('train total');
    expect(html).toContain('train mel');
    expect(html).not.toContain('train adversarial');
    expect(html).toContain('rate–distortion at step 3');
    expect(html).toContain('<td>6.890</td>');
    expect(html).toContain('1 skipped step(s)');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(7);
  });
});
