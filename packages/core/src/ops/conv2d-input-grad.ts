import * as tf from '@tensorflow/tfjs-core';
import { fitAxis, padAxis } from './axis-slicing.js';

/**
 * Input gradient of a valid 2-D conv, i.e. the transposed conv of dy, in polyphase form: with
 * a = qa·sh + ra and c = qc·sw + rc,
 * dx[m·sh + ra, n·sw + rc] = Σ_{qa,qc} dy[m − qa, n − qc] · w[·, ·, qa·sh + ra, qc·sw + rc],
 * which for all phases (ra, rc) at once is one stride-1 native conv of dy (padded Qh − 1, Qw − 1)
 * with the reversed taps and sh·sw·Cin output channels — no zero-inserted dy, no wasted
 * multiply-adds, and not wasm's slow Conv2DBackpropInput loop.
 * dy [B, OH, OW, Cout], w [Cout, Cin, KH, KW] → [B, hp, wp, Cin].
 */
export function conv2dInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, sh: number, sw: number, hp: number, wp: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, oh, ow, cout] = dy.shape;
    const [, cin, kh, kw] = w.shape;
    const qh = Math.ceil(kh / sh);
    const qw = Math.ceil(kw / sw);
    const wPad = padAxis(padAxis(w, 2, 0, qh * sh - kh), 3, 0, qw * sw - kw); // [Cout, Cin, Qh·sh, Qw·sw]
    const taps = tf.reverse(tf.reshape(wPad, [cout * cin, qh, sh, qw, sw]), [1, 3]); // [Cout·Cin, Qh, sh, Qw, sw], taps reversed
    const byTap = tf.reshape(tf.transpose(taps, [1, 3, 0, 2, 4]), [qh * qw * cout, cin, sh * sw]); // [Qh·Qw·Cout, Cin, sh·sw]
    const wConv = tf.reshape(tf.transpose(byTap, [0, 2, 1]), [qh, qw, cout, sh * sw * cin]) as tf.Tensor4D; // [Qh, Qw, Cout, (ra, rc, ci)]
    const dyPad = padAxis(padAxis(dy, 1, qh - 1, qh - 1), 2, qw - 1, qw - 1); // [B, OH + 2(Qh−1), OW + 2(Qw−1), Cout]
    const phases = tf.conv2d(dyPad, wConv, 1, 'valid'); // [B, Fh, Fw, sh·sw·Cin]
    const fh = oh + qh - 1;
    const fw = ow + qw - 1;
    let dx: tf.Tensor4D;
    if (sh === 1) {
      dx = tf.reshape(phases, [b, fh, fw * sw, cin]); // phases rc already interleave along width
    } else {
      const split = tf.reshape(phases, [b * fh, fw, sh, sw, cin]); // [B·Fh, Fw, sh, sw, Cin]
      dx = tf.reshape(tf.transpose(split, [0, 2, 1, 3, 4]), [b, fh * sh, fw * sw, cin]); // [B, Fh·sh, Fw·sw, Cin]
    }
    return fitAxis(fitAxis(dx, 1, hp), 2, wp); // [B, hp, wp, Cin]
  });
}
