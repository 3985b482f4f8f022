// Colour maps for heatmaps: values in [0, 1] → RGB, linear between anchor colours.

/** Anchors of matplotlib's "magma" at 0, 1/8, …, 1. */
const MAGMA = ['000004', '1c1044', '4f127b', '812581', 'b5367a', 'e55064', 'fb8761', 'fec287', 'fcfdbf'];
/** Anchors of matplotlib's "viridis" at 0, 1/8, …, 1. */
const VIRIDIS = ['440154', '46327e', '365c8d', '277f8e', '1fa187', '4ac16d', '9fda3a', 'd8e219', 'fde725'];

const parse = (hex) => [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

function map(anchors) {
  const rgb = anchors.map(parse);
  return (v) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (rgb.length - 1);
    const i = Math.min(rgb.length - 2, Math.floor(x));
    const f = x - i;
    return /** @type {[number, number, number]} */ (rgb[i].map((c, k) => Math.round(c + (rgb[i + 1][k] - c) * f)));
  };
}

export const magma = map(MAGMA);
export const viridis = map(VIRIDIS);
