// Runs the README's example verbatim (between the markers), so the example cannot rot.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import './testing/backends.js';
import {
  ResidualVectorQuantizer,
  Rng,
  buildTrainingMask,
  clipKbps,
  countsFromImportance,
  importanceToCounts,
  levelForTargetKbps,
  maskedSum,
  maskedVqLosses,
} from './index.js';

it('README example', async () => {
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  // --- README example start ---
  const rvq = new ResidualVectorQuantizer({ inputDim: 64, nCodebooks: 8, codebookSize: 1024, codebookDim: 8 }, new Rng(0));
  const rateCfg = { nCodebooks: 8, codebookSize: 1024, sampleRate: 44100, hop: 512 };
  const z = tf.randomNormal([4, 33, 64], 0, 1, 'float32', 1) as tf.Tensor3D; // latent [B, T, D]
  const p = tf.randomUniform([4, 33, 1], 0, 1, 'float32', 2) as tf.Tensor3D; // importance [B, T, 1]

  // One VBR training step's quantizer part (gradients for every quantizer parameter; tf.grads reaches z and p).
  const rng = new Rng(42);
  const { value: loss, grads } = tf.variableGrads(() => {
    const out = rvq.forward(z); // all 8 levels, unmasked residual chain
    const tm = buildTrainingMask(p, { mode: 'vbr', nCodebooks: 8, rng }); // ℓ ~ U[0.125, 6], last 25 % full
    const zq = maskedSum(out.contributions, tm.mask); // decoder input [B, T, D]
    const vq = maskedVqLosses(out, tm.mask);
    const recon = tf.mean(tf.square(tf.sub(zq, z))); // stand-in for the decoder's losses
    return tf.addN([recon, vq.codebook, tf.mul(vq.commitment, 0.25), tf.mul(tm.rateLoss, 2)]) as tf.Scalar;
  });
  tf.dispose([loss, grads]);

  // Inference, VBR at ℓ = 1: counts per frame → codes → latent from integers alone.
  const counts = importanceToCounts(p, 1, 8); // int32 [B, T]
  const codes = rvq.encode(z); // int32 [B, 8, T]
  const zq = rvq.codesToLatent(codes, counts); // [B, T, D], no encoder needed

  // Target-bitrate mode on plain arrays: pick ℓ so that item 0 costs ≈ 3 kbps (side info included).
  const p0 = (await p.data()).slice(0, 33);
  const target = levelForTargetKbps(p0, 3, rateCfg);
  console.log(target.status, target.level, target.kbps.toFixed(3), clipKbps(countsFromImportance(p0, target.level, 8), rateCfg, 'vbr'));
  tf.dispose([counts, codes, zq, z, p]);
  rvq.dispose();
  // --- README example end ---
  expect(tf.memory().numTensors).toBe(before);
  expect(Math.abs(target.kbps - 3) / 3).toBeLessThan(0.05);
});
