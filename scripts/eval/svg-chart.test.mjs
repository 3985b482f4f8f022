import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartGroup, esc, niceTicks, svgDocument } from './svg-chart.mjs';

test('niceTicks covers the range with 1/2/2.5/5 × 10^k steps', () => {
  for (const [lo, hi] of [[0, 16.3], [0.75, 6.2], [-67.5, 13.1], [1.234, 1.236], [5, 5]]) {
    const t = niceTicks(lo, hi);
    assert.ok(t[0] <= lo && t[t.length - 1] >= hi, `${t} covers [${lo}, ${hi}]`);
    const step = t[1] - t[0];
    const mant = step / 10 ** Math.floor(Math.log10(step));
    assert.ok([1, 2, 2.5, 5].some((m) => Math.abs(m - mant) < 1e-6), `step ${step}`);
    for (let i = 2; i < t.length; i++) assert.ok(Math.abs(t[i] - t[i - 1] - step) < step * 1e-6);
    assert.ok(t.length >= 2 && t.length <= 12);
  }
});

test('points land at their axis positions; legend lists only series with points', () => {
  const g = chartGroup({
    x0: 0,
    y0: 0,
    w: 500,
    h: 300,
    title: 'T <1>',
    xLabel: 'kbps',
    yLabel: 'mel',
    series: [
      { name: 'a', color: '#f00', points: [{ x: 0, y: 0 }, { x: 10, y: 10 }] },
      { name: 'empty', color: '#0f0', points: [] },
    ],
  });
  // Axes run 0…10 both ways; plot box: x 58…(500−12−190), y 28…(300−44).
  const line = /<polyline points="([^"]+)"/.exec(g)[1].split(' ').map((p) => p.split(',').map(Number));
  assert.deepEqual(line, [[58, 256], [298, 28]]);
  assert.match(g, /T &lt;1&gt;/);
  assert.doesNotMatch(g, />empty</);
  const doc = svgDocument(500, 300, [g]);
  assert.equal((doc.match(/<g /g) ?? []).length, (doc.match(/<\/g>/g) ?? []).length);
  assert.match(doc, /^<\?xml/);
  assert.equal(esc('a&b<c>'), 'a&amp;b&lt;c&gt;');
});

test('every marker shape is drawn around its point', () => {
  for (const marker of ['circle', 'square', 'triangle', 'diamond', 'open']) {
    const g = chartGroup({
      x0: 0,
      y0: 0,
      w: 500,
      h: 300,
      title: '',
      xLabel: '',
      yLabel: '',
      legend: false,
      series: [{ name: 'a', color: '#f00', marker, points: [{ x: 0, y: 0 }, { x: 10, y: 10 }] }],
    });
    // The plot box is x 58…488, y 28…256: (10, 10) maps to (488, 28); every marker coordinate
    // must lie within 6 px of its point.
    const shape = g.split('\n').filter((l) => /<(circle|rect|path)/.test(l)).pop();
    const nums = [...shape.matchAll(/(?:cx|x|M|L)="?([\d.]+)"? ?(?:cy="|y=")?([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const coords = shape.startsWith('<path') ? [...shape.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]) : nums;
    assert.ok(coords.length > 0, marker);
    for (const [x, y] of coords) assert.ok(Math.abs(x - 488) <= 6 && Math.abs(y - 28) <= 6, `${marker}: ${x},${y}`);
    if (shape.startsWith('<path')) {
      const xs = coords.map((c) => c[0]);
      const ys = coords.map((c) => c[1]);
      assert.ok(Math.max(...xs) - Math.min(...xs) >= 7 && Math.max(...ys) - Math.min(...ys) >= 7, `${marker} has a size: ${shape}`);
    }
  }
});
