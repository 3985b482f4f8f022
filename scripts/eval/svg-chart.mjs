// Line charts as SVG text: linear axes with "nice" ticks, grid, polylines with markers, legend.

/** Escapes text for SVG/XML. */
export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them.
 * @returns {number[]}
 */
export function niceTicks(lo, hi, count = 6) {
  if (!(hi > lo)) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    return niceTicks(lo - d, hi + d, count);
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step + 1e-9) * step;
  const out = [];
  for (let v = first; v <= hi + step * 1e-9 || out.length < 2; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < hi) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

const r1 = (v) => Number(v).toFixed(1);
/** Marker shapes centred on (x, y) (numbers or numeric strings). */
const MARKERS = {
  circle: (x, y, c) => `<circle cx="${r1(x)}" cy="${r1(y)}" r="3.5" fill="${c}"/>`,
  square: (x, y, c) => `<rect x="${r1(+x - 3.2)}" y="${r1(+y - 3.2)}" width="6.4" height="6.4" fill="${c}"/>`,
  triangle: (x, y, c) => `<path d="M${r1(x)} ${r1(+y - 5)}L${r1(+x + 4.5)} ${r1(+y + 3.5)}L${r1(+x - 4.5)} ${r1(+y + 3.5)}Z" fill="${c}"/>`,
  diamond: (x, y, c) => `<path d="M${r1(x)} ${r1(+y - 4.5)}L${r1(+x + 4)} ${r1(y)}L${r1(x)} ${r1(+y + 4.5)}L${r1(+x - 4)} ${r1(y)}Z" fill="${c}"/>`,
  open: (x, y, c) => `<circle cx="${r1(x)}" cy="${r1(y)}" r="3.5" fill="white" stroke="${c}" stroke-width="1.5"/>`,
};

/**
 * @typedef {{ name: string, points: { x: number, y: number }[], color: string, dash?: string,
 *   marker?: keyof typeof MARKERS }} Series
 */

/**
 * One chart as an SVG group placed at (x0, y0) with outer size w × h.
 * @param {{ x0: number, y0: number, w: number, h: number, title: string, xLabel: string, yLabel: string,
 *   series: Series[], legend?: boolean, xMin?: number }} c
 * @returns {string}
 */
export function chartGroup({ x0, y0, w, h, title, xLabel, yLabel, series, legend = true, xMin }) {
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const xt = niceTicks(xMin ?? Math.min(0, ...xs), xs.length ? Math.max(...xs) : 1);
  const yt = niceTicks(ys.length ? Math.min(...ys) : 0, ys.length ? Math.max(...ys) : 1);
  const legendW = legend ? 190 : 0;
  const m = { l: 58, r: 12 + legendW, t: 28, b: 44 };
  const pw = w - m.l - m.r;
  const ph = h - m.t - m.b;
  const X = (v) => x0 + m.l + ((v - xt[0]) / (xt[xt.length - 1] - xt[0])) * pw;
  const Y = (v) => y0 + m.t + ph - ((v - yt[0]) / (yt[yt.length - 1] - yt[0])) * ph;
  const f = (v) => v.toFixed(1);
  const out = [`<g font-family="DejaVu Sans, Arial, sans-serif" font-size="11">`];
  out.push(`<text x="${f(x0 + m.l + pw / 2)}" y="${f(y0 + 17)}" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`);
  out.push(`<rect x="${f(x0 + m.l)}" y="${f(y0 + m.t)}" width="${f(pw)}" height="${f(ph)}" fill="white" stroke="#999"/>`);
  for (const v of xt) {
    out.push(`<line x1="${f(X(v))}" y1="${f(y0 + m.t)}" x2="${f(X(v))}" y2="${f(y0 + m.t + ph)}" stroke="#e4e4e4"/>`);
    out.push(`<line x1="${f(X(v))}" y1="${f(y0 + m.t + ph)}" x2="${f(X(v))}" y2="${f(y0 + m.t + ph + 4)}" stroke="#333"/>`);
    out.push(`<text x="${f(X(v))}" y="${f(y0 + m.t + ph + 16)}" text-anchor="middle">${v}</text>`);
  }
  for (const v of yt) {
    out.push(`<line x1="${f(x0 + m.l)}" y1="${f(Y(v))}" x2="${f(x0 + m.l + pw)}" y2="${f(Y(v))}" stroke="#e4e4e4"/>`);
    out.push(`<line x1="${f(x0 + m.l - 4)}" y1="${f(Y(v))}" x2="${f(x0 + m.l)}" y2="${f(Y(v))}" stroke="#333"/>`);
    out.push(`<text x="${f(x0 + m.l - 7)}" y="${f(Y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  out.push(`<text x="${f(x0 + m.l + pw / 2)}" y="${f(y0 + h - 8)}" text-anchor="middle">${esc(xLabel)}</text>`);
  const ly = y0 + m.t + ph / 2;
  out.push(`<text x="${f(x0 + 14)}" y="${f(ly)}" text-anchor="middle" transform="rotate(-90 ${f(x0 + 14)} ${f(ly)})">${esc(yLabel)}</text>`);
  for (const s of series) {
    const p = s.points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y)).sort((a, b) => a.x - b.x);
    if (p.length === 0) continue;
    const d = p.map((q) => `${f(X(q.x))},${f(Y(q.y))}`).join(' ');
    out.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const q of p) out.push(MARKERS[s.marker ?? 'circle'](f(X(q.x)), f(Y(q.y)), s.color));
  }
  if (legend) {
    const lx = x0 + w - legendW + 4;
    let yy = y0 + m.t + 8;
    for (const s of series.filter((q) => q.points.length > 0)) {
      out.push(`<line x1="${f(lx)}" y1="${f(yy)}" x2="${f(lx + 26)}" y2="${f(yy)}" stroke="${s.color}" stroke-width="1.8"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
      out.push(MARKERS[s.marker ?? 'circle'](f(lx + 13), f(yy), s.color));
      out.push(`<text x="${f(lx + 32)}" y="${f(yy + 4)}">${esc(s.name)}</text>`);
      yy += 18;
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/**
 * A whole SVG document from chart groups.
 * @param {number} width
 * @param {number} height
 * @param {string[]} groups
 */
export function svgDocument(width, height, groups) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="white"/>
${groups.join('\n')}
</svg>
`;
}
