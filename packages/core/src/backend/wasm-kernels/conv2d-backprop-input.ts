import * as tf from '@tensorflow/tfjs-core';
import { conv2dInputGrad } from '../../ops/conv2d-input-grad.js';
import { asTensor } from './as-tensor.js';
import { type Conv2DGradAttrs, channelsLast } from './conv-attrs.js';

/**
 * `Conv2DBackpropInput` for wasm (the stock one is a naive loop at ~2 GFLOP/s; it runs every
 * `tf.conv2dTranspose`/`conv1d`-transpose and every stock conv input gradient): the polyphase
 * form, one stride-1 native conv of dy, on the padded input grid, then cropped to the input.
 * dy [B, OH, OW, Cout], filter [KH, KW, Cin, Cout] → dx with attrs.inputShape.
 */
export function conv2dBackpropInputImpl(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: [number, number, number, number],
  strides: [number, number] | number,
  pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
    const { top, left } = info.padInfo;
    const [b, h, w, cin] = inputShape;
    const wPt = tf.transpose(filter, [3, 2, 0, 1]) as tf.Tensor4D; // [Cout, Cin, KH, KW]
    const dxPadded = conv2dInputGrad(dy, wPt, info.strideHeight, info.strideWidth, top + h, left + w); // [B, top + H, left + W, Cin]
    return tf.slice(dxPadded, [0, top, left, 0], [b, h, w, cin]) as tf.Tensor4D;
  });
}

export const conv2dBackpropInputKernel: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const a = attrs as unknown as Conv2DGradAttrs & { inputShape: [number, number, number, number] };
    return tf.tidy(() => {
      const dy = asTensor(inputs.dy!) as tf.Tensor4D;
      const filter = asTensor(inputs.filter!) as tf.Tensor4D;
      if (a.dataFormat === 'NCHW') {
        const [b, c, h, w] = a.inputShape;
        const dyL = channelsLast(dy); // [B, OH, OW, Cout]
        const dx = conv2dBackpropInputImpl(dyL, filter, [b, h, w, c], a.strides, a.pad, a.dimRoundingMode);
        return tf.transpose(dx, [0, 3, 1, 2]);
      }
      return conv2dBackpropInputImpl(dy, filter, a.inputShape, a.strides, a.pad, a.dimRoundingMode);
    });
  },
};
