import * as tf from '@tensorflow/tfjs-core';
import { TrainError } from '../errors.js';
import { detach } from './detach.js';

/** Feature maps of one sub-discriminator: every conv output, the logit map last. */
export type FeatureMaps = tf.Tensor[];

function logits(maps: FeatureMaps): tf.Tensor {
  if (maps.length === 0) throw new TrainError('bad-argument', 'a sub-discriminator returned no feature maps');
  return maps[maps.length - 1];
}

function checkPairs(fake: FeatureMaps[], real: FeatureMaps[]): void {
  if (fake.length !== real.length) {
    throw new TrainError('bad-argument', `fake and real outputs come from different discriminators (${fake.length} vs ${real.length})`);
  }
}

/**
 * LSGAN discriminator loss Σ_d [mean(D_d(ŷ)²) + mean((1 − D_d(y))²)] on the logit maps.
 * Pass feature maps computed on a detached ŷ.
 */
export function discriminatorLoss(fake: FeatureMaps[], real: FeatureMaps[]): tf.Scalar {
  checkPairs(fake, real);
  return tf.tidy(() => {
    const terms = fake.map((f, i) =>
      tf.add(tf.mean(tf.square(logits(f))), tf.mean(tf.square(tf.sub(1, logits(real[i]))))),
    );
    return tf.addN(terms) as tf.Scalar;
  });
}

/** LSGAN generator loss Σ_d mean((1 − D_d(ŷ))²). */
export function generatorAdversarialLoss(fake: FeatureMaps[]): tf.Scalar {
  return tf.tidy(() => tf.addN(fake.map((f) => tf.mean(tf.square(tf.sub(1, logits(f)))))) as tf.Scalar);
}

/**
 * Feature matching: Σ over sub-discriminators and over all non-final maps of mean |D(ŷ) − D(y)|.
 * Real features are detached (computing them outside the gradient tape is cheaper still).
 */
export function featureMatchingLoss(fake: FeatureMaps[], real: FeatureMaps[]): tf.Scalar {
  checkPairs(fake, real);
  return tf.tidy(() => {
    const terms: tf.Tensor[] = [];
    fake.forEach((f, i) => {
      if (f.length !== real[i].length) {
        throw new TrainError('bad-argument', `sub-discriminator ${i} returned ${f.length} fake maps but ${real[i].length} real ones`);
      }
      for (let j = 0; j < f.length - 1; j++) terms.push(tf.mean(tf.abs(tf.sub(f[j], detach(real[i][j])))));
    });
    return (terms.length ? tf.addN(terms) : tf.scalar(0)) as tf.Scalar;
  });
}
