import * as tf from '@tensorflow/tfjs-core';
import { VrvqCodec, initBackend } from '@vrvq/core';
import { Rng } from '@vrvq/rvq';
import { it } from 'vitest';
import { MultiScaleMelLoss } from './losses/mel-loss.js';
it('speed', async () => {
  const be = process.env.BE ?? 'wasm';
  const preset = process.env.PRESET ?? 'vrvq-tiny-24k';
  const B = +(process.env.B ?? 4);
  await initBackend(be);
  const codec = new VrvqCodec(preset, 0);
  console.log('params', codec.numParameters(), 'hop', codec.hop);
  const N = Math.ceil((0.4 * codec.preset.sampleRate) / codec.hop) * codec.hop;
  const x = tf.randomNormal([B, N, 1], 0, 0.1) as tf.Tensor3D;
  const mel = new MultiScaleMelLoss({ sampleRate: codec.preset.sampleRate });
  const vars = codec.parameters();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(() => {
      const o = codec.trainForward(x, { mode: 'vbr', rng: new Rng(i) });
      return tf.addN([process.env.MEL ? mel.loss(o.y, x) : tf.mean(tf.abs(tf.sub(o.y, x))), o.commitment, o.codebook, o.rate]) as tf.Scalar;
    }, vars);
    await value.data();
    tf.dispose([value, ...Object.values(grads)]);
    console.log('step', i, ((performance.now() - t0) / 1000).toFixed(3), 's', tf.memory().numTensors);
  }
  const t0 = performance.now();
  const l = tf.tidy(() => mel.loss(x, tf.mul(x, 0.5)));
  await l.data();
  console.log('mel fwd', ((performance.now() - t0) / 1000).toFixed(3));
  const t1 = performance.now();
  const g = tf.grad((y: tf.Tensor) => mel.loss(y, x))(tf.mul(x, 0.5));
  await g.data();
  console.log('mel fwd+bwd', ((performance.now() - t1) / 1000).toFixed(3));
});
