import * as tf from '@tensorflow/tfjs-core';
import { registerLoopKernel, runLoop } from './loop-kernels.js';
import { heapOffset, simdKernels, withScratch } from './wasm/simd-kernels.js';

const TAP_ROWS_KERNEL = 'VrvqTapRows';
let registered = false;
let scratch = new Float32Array(0);

function register(): void {
  if (registered) return;
  registerLoopKernel(TAP_ROWS_KERNEL, (kind) => ({ inputs, backend, attrs }) => {
    const x = inputs.x!;
    const [b, t, cin] = x.shape;
    const { s, d, pl, pr, tOut, k0, g } = attrs as unknown as Record<'s' | 'd' | 'pl' | 'pr' | 'tOut' | 'k0' | 'g', number>;
    const n = b * tOut;
    const f = Math.ceil((t + pl + pr) / s); // frames of s padded samples
    const size = s * cin * b * f;
    const plane = b * f;
    const wasm = kind === 'wasm' ? simdKernels(backend) : null;
    if (wasm) {
      // Phase split by the wasm kernel into heap scratch, then one copyWithin per row.
      const out = wasm.backend.makeOutput([g * cin, n], 'float32');
      withScratch(wasm, size * 4, (p) => {
        wasm.fn.phase_split(heapOffset(wasm, x), p, b, t, cin, s, pl, f);
        const heap = wasm.backend.wasm.HEAPU8; // after the malloc (a growth replaces it)
        const o = heapOffset(wasm, out);
        for (let j = 0; j < g; j++) {
          const pos = (k0 + j) * d;
          const q = Math.floor(pos / s);
          const r = pos - q * s;
          for (let ci = 0; ci < cin; ci++) {
            const from = p + ((r * cin + ci) * plane + q) * 4;
            const to = o + (j * cin + ci) * n * 4;
            for (let bi = 0; bi < b; bi++) heap.copyWithin(to + bi * tOut * 4, from + bi * f * 4, from + (bi * f + tOut) * 4);
          }
        }
      });
      return out;
    }
    if (scratch.length < size) scratch = new Float32Array(size);
    const xr = scratch;
    return runLoop(kind, backend, [x], [[g * cin, n]], ([xv], [out]) => {
      // xr[r, ci, b, fr] = xpad[b, fr·s + r, ci]: the padded input split into s phases and
      // moved channels-first, once (input read in order, s·Cin sequential write streams).
      for (let bi = 0; bi < b; bi++) {
        for (let fr = 0; fr < f; fr++) {
          for (let r = 0; r < s; r++) {
            const i = fr * s + r - pl; // input index
            let dst = r * cin * plane + bi * f + fr;
            if (i < 0 || i >= t) {
              for (let ci = 0; ci < cin; ci++, dst += plane) xr[dst] = 0;
            } else {
              const src = (bi * t + i) * cin;
              for (let ci = 0; ci < cin; ci++, dst += plane) xr[dst] = xv[src + ci];
            }
          }
        }
      }
      // Tap k at offset k·d = q·s + r: output row (k, ci) is xr[r, ci, b, q … q + tOut) per item.
      for (let j = 0; j < g; j++) {
        const pos = (k0 + j) * d;
        const q = Math.floor(pos / s);
        const r = pos - q * s;
        for (let ci = 0; ci < cin; ci++) {
          const from = (r * cin + ci) * plane + q;
          const to = (j * cin + ci) * n;
          for (let bi = 0; bi < b; bi++) out.set(xr.subarray(from + bi * f, from + bi * f + tOut), to + bi * tOut);
        }
      }
    })[0];
  });
  registered = true;
}

/**
 * Rows of the transposed im2col of a 1-D conv (stride s, dilation d, zero padding pl | pr) for
 * taps k0 … k0 + g − 1: out[j·Cin + ci, b·tOut + t] = xpad[b, t·s + (k0 + j)·d, ci]. The input is
 * split into stride phases and moved channels-first once, then every row is one contiguous copy.
 * One loop kernel (cpu; on wasm the split runs as wasm on the heap) instead of pad + transpose +
 * a slice per tap + concat.
 * x [B, T, Cin] → [g·Cin, B·tOut].
 */
export function tapRows(x: tf.Tensor3D, s: number, d: number, pl: number, pr: number, tOut: number, k0: number, g: number): tf.Tensor2D {
  register();
  return tf.engine().runKernel(TAP_ROWS_KERNEL, { x }, { s, d, pl, pr, tOut, k0, g } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
