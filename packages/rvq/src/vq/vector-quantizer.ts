import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { Module } from '../nn/module.js';
import type { Rng } from '../nn/rng.js';
import { gatherRows } from '../ops/gather-rows.js';
import { stopGradient } from '../ops/stop-gradient.js';
import { straightThrough } from '../ops/straight-through.js';
import { Codebook } from './codebook.js';
import { nearestCodes } from './nearest-codes.js';
import { PointwiseConv } from './pointwise-conv.js';

/** What one VQ level returns for a residual r `[B, T, D]` (a plain object: `tf.dispose(out)` frees it). */
export type VqLevelOutput = {
  /** ẑ = out_proj(q), the level's contribution in the latent space: `[B, T, D]`. */
  contribution: tf.Tensor3D;
  /** Selected codeword indices, int32 `[B, T]`. */
  codes: tf.Tensor2D;
  /** Commitment loss mean_dims (z_e − sg(c))² per (item, frame): `[B, T]`. Gradient → encoder. */
  commitmentLoss: tf.Tensor2D;
  /** Codebook loss mean_dims (c − sg(z_e))² per (item, frame): `[B, T]`. Gradient → codebook. */
  codebookLoss: tf.Tensor2D;
  /** z_e = in_proj(r), the factorised (low-dimensional) latent: `[B, T, codebookDim]`. */
  latent: tf.Tensor3D;
};

/**
 * One RVQ level as DAC's `VectorQuantize`: in_proj (WN 1×1 conv D → codebookDim), cosine
 * nearest-neighbour lookup, straight-through q (forward = raw codeword c, gradient identity to
 * z_e, in the codebookDim space), out_proj (WN 1×1 conv codebookDim → D).
 *
 * Children in PyTorch order: `in_proj`, `out_proj`, `codebook` (→ `in_proj.weight_g` `[8, 1, 1]`,
 * `in_proj.weight_v` `[8, D, 1]`, `in_proj.bias` `[8]`, `out_proj.*`, `codebook.weight` `[K, 8]`).
 */
export class VectorQuantizer extends Module {
  readonly inputDim: number;
  readonly codebookSize: number;
  readonly codebookDim: number;
  readonly inProj: PointwiseConv;
  readonly outProj: PointwiseConv;
  readonly codebook: Codebook;

  constructor(inputDim: number, codebookSize: number, codebookDim: number, rng: Rng) {
    super();
    for (const [k, v] of Object.entries({ inputDim, codebookSize, codebookDim })) {
      check(Number.isInteger(v) && v > 0, 'invalid-config', () => `VectorQuantizer: ${k} must be a positive integer, got ${v}`);
    }
    this.inputDim = inputDim;
    this.codebookSize = codebookSize;
    this.codebookDim = codebookDim;
    this.inProj = this.child('in_proj', new PointwiseConv(inputDim, codebookDim, rng));
    this.outProj = this.child('out_proj', new PointwiseConv(codebookDim, inputDim, rng));
    this.codebook = this.child('codebook', new Codebook(codebookSize, codebookDim, rng));
  }

  /** Training forward pass with losses. r `[B, T, D]`. All outputs are new tensors. */
  forward(r: tf.Tensor3D): VqLevelOutput {
    const [b, t] = this.checkInput(r);
    return tf.tidy(() => {
      const zE = this.inProj.apply2d(tf.reshape(r, [b * t, this.inputDim])); // [N, C]
      const table = this.codebook.weight as tf.Tensor2D; // [K, C]
      const codes = nearestCodes(zE, table); // [N]
      const c = gatherRows(table, codes); // [N, C], gradient → codebook only
      const commitment = tf.mean(tf.square(tf.sub(zE, stopGradient(c))), 1); // [N]
      const codebookLoss = tf.mean(tf.square(tf.sub(c, stopGradient(zE))), 1); // [N]
      const q = straightThrough(zE, c); // [N, C]: value c, gradient → z_e
      const out = this.outProj.apply2d(q); // [N, D]
      return {
        contribution: tf.reshape(out, [b, t, this.inputDim]) as tf.Tensor3D,
        codes: tf.reshape(codes, [b, t]) as tf.Tensor2D,
        commitmentLoss: tf.reshape(commitment, [b, t]) as tf.Tensor2D,
        codebookLoss: tf.reshape(codebookLoss, [b, t]) as tf.Tensor2D,
        latent: tf.reshape(zE, [b, t, this.codebookDim]) as tf.Tensor3D,
      };
    });
  }

  /** Inference: codes int32 `[B, T]` and contribution `[B, T, D]` for r `[B, T, D]`, no losses. */
  encode(r: tf.Tensor3D): { codes: tf.Tensor2D; contribution: tf.Tensor3D } {
    const [b, t] = this.checkInput(r);
    return tf.tidy(() => {
      const zE = this.inProj.apply2d(tf.reshape(r, [b * t, this.inputDim])); // [N, C]
      const codes = nearestCodes(zE, this.codebook.weight as tf.Tensor2D); // [N]
      const out = this.decodeFlat(codes); // [N, D]
      return {
        codes: tf.reshape(codes, [b, t]) as tf.Tensor2D,
        contribution: tf.reshape(out, [b, t, this.inputDim]) as tf.Tensor3D,
      };
    });
  }

  /** Contribution out_proj(codebook[codes]) from integer codes alone: codes `[B, T]` → `[B, T, D]`. */
  decode(codes: tf.Tensor2D): tf.Tensor3D {
    check(codes.rank === 2, 'invalid-shape', () => `VectorQuantizer.decode expects codes [B, T], got [${codes.shape}]`);
    const [b, t] = codes.shape;
    return tf.tidy(() => {
      const flat = tf.reshape(tf.cast(codes, 'int32'), [b * t]) as tf.Tensor1D; // [N]
      return tf.reshape(this.decodeFlat(flat), [b, t, this.inputDim]) as tf.Tensor3D;
    });
  }

  private decodeFlat(codes: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => this.outProj.apply2d(gatherRows(this.codebook.weight as tf.Tensor2D, codes))); // [N, D]
  }

  private checkInput(r: tf.Tensor): [number, number] {
    check(r.rank === 3 && r.shape[2] === this.inputDim, 'invalid-shape', () =>
      `VectorQuantizer expects r [B, T, ${this.inputDim}], got [${r.shape}]`,
    );
    return [r.shape[0] as number, r.shape[1] as number];
  }
}
