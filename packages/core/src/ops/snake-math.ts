// Plain-loop Snake math on Float32Arrays, used by the cpu and wasm Snake kernels: one pass over
// memory instead of five tensor ops, and a polynomial sine in double precision (wasm's own sin
// costs ~30 multiplies per element and is the bulk of a DAC layer's time).

const INV_PI = 1 / Math.PI;
const PI_HI = Math.PI;
const PI_LO = 1.2246467991473532e-16; // π − PI_HI
const ROUND = 6755399441055744; // 1.5·2^52: (v + ROUND) − ROUND rounds v to an integer
const BIG = 1e9; // beyond this |αx|/π the reduction loses accuracy: use Math.sin

/** sin(r) for |r| ≤ π/2 (Taylor to r^15; error < 1e-11). */
function sinPoly(r: number): number {
  const r2 = r * r;
  return (
    r *
    (1 +
      r2 *
        (-1.6666666666666666e-1 +
          r2 *
            (8.333333333333333e-3 +
              r2 *
                (-1.984126984126984e-4 +
                  r2 * (2.7557319223985893e-6 + r2 * (-2.505210838544172e-8 + r2 * (1.6059043836821613e-10 + r2 * -7.647163731819816e-13)))))))
  );
}

/** cos(r) for |r| ≤ π/2 (Taylor to r^16; error < 1e-12). */
function cosPoly(r: number): number {
  const r2 = r * r;
  return (
    1 +
    r2 *
      (-0.5 +
        r2 *
          (4.1666666666666664e-2 +
            r2 *
              (-1.388888888888889e-3 +
                r2 *
                  (2.48015873015873e-5 +
                    r2 * (-2.755731922398589e-7 + r2 * (2.08767569878681e-9 + r2 * (-1.1470745597729725e-11 + r2 * 4.779477332387385e-14)))))))
  );
}

/**
 * y = x + sin²(α_c x)/(α_c + 1e-9) for x laid out [rows, C] (channel fastest).
 * sin²(u) = sin²(u − kπ), so no sign bookkeeping is needed.
 */
export function snakeForward(x: Float32Array, alpha: Float32Array, out: Float32Array, c: number): void {
  const inv = new Float64Array(c);
  const al = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    al[j] = alpha[j];
    inv[j] = 1 / (alpha[j] + 1e-9);
  }
  const n = x.length;
  for (let i = 0; i < n; i += c) {
    for (let j = 0; j < c; j++) {
      const v = x[i + j];
      const u = al[j] * v;
      const q = u * INV_PI;
      let s: number;
      if (q < BIG && q > -BIG) {
        const k = q + ROUND - ROUND;
        s = sinPoly(u - k * PI_HI - k * PI_LO);
      } else {
        s = Math.sin(u);
      }
      out[i + j] = v + s * s * inv[j];
    }
  }
}

/**
 * Backward of `snakeForward`: dx = dy·(1 + α/(α+ε)·sin 2u), and per channel
 * dα = Σ dy·(x·sin 2u/(α+ε) − sin²u/(α+ε)²), with u = αx and sin 2u = 2 sin u cos u
 * (sign-free after reduction). dAlpha must hold C zeros on entry.
 */
export function snakeBackward(
  dy: Float32Array,
  x: Float32Array,
  alpha: Float32Array,
  dx: Float32Array,
  dAlpha: Float64Array,
  c: number,
): void {
  const inv = new Float64Array(c);
  const gain = new Float64Array(c);
  const al = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    al[j] = alpha[j];
    inv[j] = 1 / (alpha[j] + 1e-9);
    gain[j] = alpha[j] * inv[j];
  }
  const accX = new Float64Array(c); // Σ dy·x·sin 2u
  const accS = new Float64Array(c); // Σ dy·sin²u
  const n = x.length;
  for (let i = 0; i < n; i += c) {
    for (let j = 0; j < c; j++) {
      const v = x[i + j];
      const g = dy[i + j];
      const u = al[j] * v;
      const q = u * INV_PI;
      let s: number;
      let co: number;
      if (q < BIG && q > -BIG) {
        const k = q + ROUND - ROUND;
        const r = u - k * PI_HI - k * PI_LO;
        s = sinPoly(r);
        co = cosPoly(r);
      } else {
        s = Math.sin(u);
        co = Math.cos(u);
      }
      const s2u = 2 * s * co;
      dx[i + j] = g + g * gain[j] * s2u;
      accX[j] += g * v * s2u;
      accS[j] += g * s * s;
    }
  }
  for (let j = 0; j < c; j++) dAlpha[j] += accX[j] * inv[j] - accS[j] * inv[j] * inv[j];
}
