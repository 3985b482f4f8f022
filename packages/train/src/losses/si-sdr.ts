import * as tf from '@tensorflow/tfjs-core';
import { toBatchTime } from '../signal/stft.js';

/**
 * Scale-invariant SDR in dB per item (DAC/audiotools SISDRLoss with the sign flipped, zero-mean,
 * eps 1e-8): α = (⟨ŷ,y⟩+ε)/(‖y‖²+ε), SI-SDR = 10·log10(‖αy‖² / ‖ŷ − αy‖² + ε).
 * estimate, reference: [B, N, 1] or [B, N] → [B].
 */
export function siSdr(estimate: tf.Tensor, reference: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const eps = 1e-8;
    const est = toBatchTime(estimate); // [B, N]
    const ref = toBatchTime(reference); // [B, N]
    const r = tf.sub(ref, tf.mean(ref, 1, true)); // [B, N]
    const e = tf.sub(est, tf.mean(est, 1, true)); // [B, N]
    const proj = tf.add(tf.sum(tf.square(r), 1, true), eps); // [B, 1]
    const dot = tf.add(tf.sum(tf.mul(e, r), 1, true), eps); // [B, 1]
    const target = tf.mul(tf.div(dot, proj), r); // [B, N]
    const res = tf.sub(e, target); // [B, N]
    const ratio = tf.div(tf.sum(tf.square(target), 1), tf.sum(tf.square(res), 1)); // [B]
    return tf.mul(10 / Math.LN10, tf.log(tf.add(ratio, eps))) as tf.Tensor1D;
  });
}

/** Mean SI-SDR over the batch, dB. */
export function meanSiSdr(estimate: tf.Tensor, reference: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(siSdr(estimate, reference)) as tf.Scalar);
}
