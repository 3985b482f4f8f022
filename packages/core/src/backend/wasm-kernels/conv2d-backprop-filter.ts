import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.js';

/** Largest im2col block built at once, in elements (64 MiB of float32). */
const MAX_COL_ELEMENTS = 1 << 24;

/**
 * Weight gradient of a 2-D convolution (NHWC, filter [KH, KW, Cin, Cout], dilation 1):
 * dW[kh, kw, ci, co] = Σ_{b,i,j} xpad[b, i·sh + kh, j·sw + kw, ci] · dy[b, i, j, co].
 *
 * Built as an im2col that is already transposed (x moved to [Cin, B, H, W] once; every kernel
 * tap is then a strided slice [Cin, N]) followed by rank-2 matMuls [taps·Cin, N]·[N, Cout],
 * which is the fast matMul form on wasm. Taps are grouped so one block stays ≤ 16 M elements.
 */
export function conv2dBackpropFilterImpl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: [number, number] | number,
  pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  maxColElements = MAX_COL_ELEMENTS,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(
      x.shape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const { filterHeight: kh, filterWidth: kw, inChannels: cin, outChannels: cout } = info;
    const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, batchSize: b } = info;
    const { top, bottom, left, right } = info.padInfo;
    const n = b * oh * ow;
    // Pad so every tap's read exists; reads past the stated padding count as zeros, as in the
    // forward kernels (tfjs's numeric `pad` can give outputs that read past it).
    const [, h, w] = x.shape;
    const extraBottom = Math.max(bottom, (oh - 1) * sh + kh - top - h);
    const extraRight = Math.max(right, (ow - 1) * sw + kw - left - w);
    const xp =
      top > 0 || left > 0 || extraBottom !== 0 || extraRight !== 0
        ? tf.pad(x, [
            [0, 0],
            [top, Math.max(0, extraBottom)],
            [left, Math.max(0, extraRight)],
            [0, 0],
          ])
        : x; // [B, Hp, Wp, Cin]
    const xt = tf.transpose(xp, [3, 0, 1, 2]); // [Cin, B, Hp, Wp]
    const dy2 = tf.reshape(dy, [n, cout]) as tf.Tensor2D; // [N, Cout]
    const taps: Array<[number, number]> = [];
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push([i, j]);
    const perBlock = Math.max(1, Math.floor(maxColElements / Math.max(1, cin * n)));
    const parts: tf.Tensor2D[] = [];
    for (let start = 0; start < taps.length; start += perBlock) {
      const block = taps.slice(start, start + perBlock);
      const cols = block.map(([i, j]) => {
        const s =
          sh === 1 && sw === 1
            ? tf.slice(xt, [0, 0, i, j], [cin, b, oh, ow])
            : tf.stridedSlice(xt, [0, 0, i, j], [cin, b, i + (oh - 1) * sh + 1, j + (ow - 1) * sw + 1], [1, 1, sh, sw]);
        return tf.reshape(s, [cin, n]); // [Cin, N]
      });
      const col = cols.length === 1 ? cols[0] : tf.concat(cols, 0); // [taps·Cin, N]
      parts.push(tf.matMul(col as tf.Tensor2D, dy2)); // [taps·Cin, Cout]
    }
    const all = parts.length === 1 ? parts[0] : tf.concat(parts, 0); // [KH·KW·Cin, Cout]
    return tf.reshape(all, [kh, kw, cin, cout]) as tf.Tensor4D;
  });
}

export const conv2dBackpropFilterKernel: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const a = attrs as unknown as {
      strides: [number, number] | number;
      pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number;
      dataFormat: 'NHWC' | 'NCHW';
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      filterShape: [number, number, number, number];
    };
    return tf.tidy(() => {
      const x = asTensor(inputs.x!) as tf.Tensor4D;
      const dy = asTensor(inputs.dy!) as tf.Tensor4D;
      const xs = a.dataFormat === 'NCHW' ? tf.transpose(x, [0, 2, 3, 1]) : x; // [B, H, W, Cin]
      const dys = a.dataFormat === 'NCHW' ? tf.transpose(dy, [0, 2, 3, 1]) : dy; // [B, H', W', Cout]
      return conv2dBackpropFilterImpl(xs, dys, a.filterShape, a.strides, a.pad, a.dimRoundingMode);
    });
  },
};
