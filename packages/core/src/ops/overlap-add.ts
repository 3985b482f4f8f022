import * as tf from '@tensorflow/tfjs-core';
import { sliceAxis } from './axis-slicing.js';
import { loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';
import { heapOffset, simdKernels } from './wasm/simd-kernels.js';

const OLA_KERNEL = 'VrvqOverlapAdd';
let registered = false;

/**
 * VrvqOverlapAdd {cols [B, T, Q·s·C], bias? [C]} (attrs s, start, len, c) → out [B, len, C]:
 * out[b, o, c] = bias[c] + Σ cols[b, t, j, c] over t·s + j = o + start — overlap-add, crop and
 * bias in one pass over cols (instead of slices, pads and adds); SIMD wasm when C is a multiple of 4.
 */
function register(): void {
  if (registered) return;
  registerLoopKernel(OLA_KERNEL, (kind) => ({ inputs, backend, attrs }) => {
    const { s, start, len, c: c2 } = attrs as unknown as { s: number; start: number; len: number; c: number };
    const cols = inputs.cols!;
    const [b, t, qsc] = cols.shape;
    const simd = kind === 'wasm' && c2 % 4 === 0 ? simdKernels(backend) : null;
    if (simd) {
      const out = simd.backend.makeOutput([b, len, c2], 'float32');
      const bias = inputs.bias ? heapOffset(simd, inputs.bias) : 0;
      simd.fn.overlap_add(heapOffset(simd, cols), heapOffset(simd, out), bias, b, t, qsc / c2, c2, s, start, len);
      return out;
    }
    const ins = inputs.bias ? [cols, inputs.bias] : [cols];
    return runLoop(kind, backend, ins, [[b, len, c2]], ([cv, bv], [out]) => {
      const qs = qsc / c2;
      for (let bi = 0; bi < b; bi++) {
        const ob = bi * len * c2;
        if (bv) for (let o = 0; o < len; o++) out.set(bv, ob + o * c2);
        else out.fill(0, ob, ob + len * c2);
        for (let ti = 0; ti < t; ti++) {
          const src = (bi * t + ti) * qsc;
          const j0 = Math.max(0, start - ti * s); // first tap landing at o ≥ 0
          const j1 = Math.min(qs, len + start - ti * s); // one past the last landing at o < len
          for (let j = j0; j < j1; j++) {
            const dst = ob + (ti * s + j - start) * c2;
            const from = src + j * c2;
            for (let k = 0; k < c2; k++) out[dst + k] += cv[from + k];
          }
        }
      }
    })[0];
  });
  registered = true;
}

/**
 * Overlap-add with hop s, then the crop [start, start + len) of the time axis and an optional
 * per-channel bias: cols [B, T, Q·s, C] → [B, len, C]. One loop kernel on cpu and wasm; tfjs ops
 * elsewhere. Not differentiable itself (used inside ops with their own gradients).
 */
export function overlapAddCrop(cols: tf.Tensor4D, s: number, start: number, len: number, bias: tf.Tensor1D | null): tf.Tensor3D {
  const [b, t, qs, c] = cols.shape;
  if (loopKernelsActive() && cols.dtype === 'float32' && start >= 0) {
    register();
    const flat = tf.reshape(cols, [b, t, qs * c]); // [B, T, Q·s·C]
    const inputs: tf.NamedTensorMap = bias ? { cols: flat, bias } : { cols: flat };
    const out = tf.engine().runKernel(OLA_KERNEL, inputs, { s, start, len, c } as unknown as tf.NamedAttrMap) as tf.Tensor3D;
    flat.dispose();
    return out;
  }
  return overlapAddCropWithOps(cols, s, start, len, bias);
}

/** `overlapAddCrop` from tfjs ops (the path of backends without loop kernels). */
export function overlapAddCropWithOps(cols: tf.Tensor4D, s: number, start: number, len: number, bias: tf.Tensor1D | null): tf.Tensor3D {
  return tf.tidy(() => {
    const full = overlapAdd(cols, s); // [B, (T + Q − 1)·s, C]
    const n = full.shape[1];
    const have = Math.min(len, n - start);
    let y = sliceAxis(full, 1, start, have); // [B, have, C]
    if (have < len) y = tf.pad(y, [[0, 0], [0, len - have], [0, 0]]);
    return (bias ? tf.add(y, bias) : y) as tf.Tensor3D; // [B, len, C]
  });
}

/**
 * Overlap-add of per-frame columns with hop s (col2im of a strided 1-D conv):
 * out[b, t·s + j, c] = Σ cols[b, t, j, c] over all (t, j) landing there, with j < Q·s.
 * cols [B, T, Q·s, C] → [B, (T + Q − 1)·s, C].
 */
export function overlapAdd(cols: tf.Tensor4D, s: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, t, qs, c] = cols.shape;
    const q = qs / s;
    const frames = tf.reshape(cols, [b, t, q, s * c]); // [B, T, Q, s·C]
    let acc: tf.Tensor3D | null = null;
    for (let i = 0; i < q; i++) {
      const part = tf.reshape(tf.slice(frames, [0, 0, i, 0], [b, t, 1, s * c]), [b, t, s * c]); // [B, T, s·C]
      const shifted = q === 1 ? part : tf.pad(part, [[0, 0], [i, q - 1 - i], [0, 0]]); // [B, T + Q − 1, s·C]
      acc = acc === null ? (shifted as tf.Tensor3D) : (tf.add(acc, shifted) as tf.Tensor3D);
    }
    return tf.reshape(acc!, [b, (t + q - 1) * s, c]) as tf.Tensor3D;
  });
}

/**
 * Weights [A, C, K] (PyTorch conv order: A = the matMul's shared side, C = the side that is
 * overlap-added) → the matMul operand [A, Q·s·C] with taps zero-padded to Q·s = s·⌈K/s⌉,
 * laid out (k, c) to match `overlapAdd`'s columns.
 */
export function tapMajorWeights(w: tf.Tensor3D, s: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [a, c, k] = w.shape;
    const qs = Math.ceil(k / s) * s;
    const wp = qs === k ? w : tf.pad(w, [[0, 0], [0, 0], [0, qs - k]]); // [A, C, Q·s]
    return tf.reshape(tf.transpose(wp, [0, 2, 1]), [a, qs * c]) as tf.Tensor2D; // [A, Q·s·C]
  });
}
