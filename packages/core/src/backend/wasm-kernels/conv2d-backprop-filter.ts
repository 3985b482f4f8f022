import * as tf from '@tensorflow/tfjs-core';
import { fitAxis, padAxis } from '../../ops/axis-slicing.js';
import { asTensor } from './as-tensor.js';
import { type Conv2DGradAttrs, channelsLast } from './conv-attrs.js';

/** Largest im2col block built at once, in elements (64 MiB of float32). */
const MAX_COL_ELEMENTS = 1 << 24;

/**
 * Weight gradient of a 2-D convolution (NHWC, filter [KH, KW, Cin, Cout], dilation 1):
 * dW[kh, kw, ci, co] = Σ_{b,i,j} xpad[b, i·sh + kh, j·sw + kw, ci] · dy[b, i, j, co].
 *
 * Built as an im2col that is already transposed (x rearranged once so that every kernel tap is
 * a plain slice [Cin, N]) followed by rank-2 matMuls [taps·Cin, N]·[N, Cout], the fast matMul
 * form on wasm, all with the same right operand dy (packed once).
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
    const { top, left } = info.padInfo;
    // Frames of the strides: tap (a, c) = (qa·sh + ra, qc·sw + rc) reads frame rows qa.. and
    // columns qc.. at phase (ra, rc). With x rearranged to [sh·sw, Cin, B·fh·fw] (rows and
    // columns flattened), every tap is one contiguous run per channel: position (i, j) of the
    // output grid sits at flat index qa·fw + qc + i·fw + j. The runs also cover the fw − ow
    // columns past each row and the fh − oh rows between batch items; dy is zero-padded to the
    // same [B, fh, fw] grid, so those meet zeros and add nothing (wasm copies non-contiguous
    // slices one short run at a time, which cost more than these few extra multiply-adds).
    // Rows/columns past the last one read are dropped; missing ones are zeros.
    const fh = oh + Math.floor((kh - 1) / sh);
    const fw = ow + Math.floor((kw - 1) / sw);
    const xp = fitAxis(fitAxis(padAxis(padAxis(x, 1, top, 0), 2, left, 0), 1, fh * sh), 2, fw * sw); // [B, fh·sh, fw·sw, Cin]
    const xr = tf.reshape(
      tf.transpose(tf.reshape(xp, [b * fh, sh, fw, sw, cin]), [1, 3, 4, 0, 2]),
      [sh * sw, cin, b * fh * fw],
    ); // [sh·sw, Cin, B·fh·fw]
    const n = ((b - 1) * fh + oh) * fw - (fw - ow);
    const dyGrid = padAxis(padAxis(dy, 1, 0, fh - oh), 2, 0, fw - ow); // [B, fh, fw, Cout]
    const dy2 = tf.slice(tf.reshape(dyGrid, [b * fh * fw, cout]), [0, 0], [n, cout]) as tf.Tensor2D; // [N, Cout], the shared (packed once) matMul operand
    const taps: Array<[number, number]> = [];
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push([i, j]);
    // Taps are grouped only as far as needed for ≥ 64 matMul rows (a concat costs a copy);
    // a group stays under maxColElements.
    const byMemory = Math.max(1, Math.floor(maxColElements / Math.max(1, cin * n)));
    const perBlock = Math.min(byMemory, Math.max(1, Math.ceil(64 / cin)));
    const parts: tf.Tensor2D[] = [];
    for (let start = 0; start < taps.length; start += perBlock) {
      const block = taps.slice(start, start + perBlock);
      const cols = block.map(([i, j]) => {
        const qa = Math.floor(i / sh);
        const qc = Math.floor(j / sw);
        const phase = (i - qa * sh) * sw + (j - qc * sw);
        const tap = tf.slice(xr, [phase, 0, qa * fw + qc], [1, cin, n]); // [1, Cin, N]
        return tf.reshape(tap, [cin, n]); // [Cin, N]
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
    const a = attrs as unknown as Conv2DGradAttrs & { filterShape: [number, number, number, number] };
    return tf.tidy(() => {
      const x = asTensor(inputs.x!) as tf.Tensor4D;
      const dy = asTensor(inputs.dy!) as tf.Tensor4D;
      const xs = a.dataFormat === 'NCHW' ? channelsLast(x) : x; // [B, H, W, Cin]
      const dys = a.dataFormat === 'NCHW' ? channelsLast(dy) : dy; // [B, H', W', Cout]
      return conv2dBackpropFilterImpl(xs, dys, a.filterShape, a.strides, a.pad, a.dimRoundingMode);
    });
  },
};
