import * as tf from '@tensorflow/tfjs-core';

/**
 * x · W for a constant matrix W (a DFT basis, a mel filter bank) whose transpose is kept too, so
 * that the backward pass dx = dy · Wᵀ is another plain rank-2, non-transposed matMul: on wasm that
 * runs ~10× faster than tfjs's default gradient, which calls matMul with transposeB.
 * No gradient flows to W.
 */
export class ConstMatMul {
  readonly w: tf.Tensor2D; // [I, O]
  readonly wT: tf.Tensor2D; // [O, I]
  private readonly op: (x: tf.Tensor2D) => tf.Tensor2D;

  constructor(data: Float32Array, rows: number, cols: number) {
    this.w = tf.tensor2d(data, [rows, cols]);
    this.wT = tf.tidy(() => tf.transpose(this.w) as tf.Tensor2D);
    this.op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const x = args[0] as tf.Tensor2D;
      return {
        value: tf.matMul(x, this.w), // [R, O]
        gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.matMul(dy as tf.Tensor2D, this.wT), // [R, I]
      };
    }) as (x: tf.Tensor2D) => tf.Tensor2D;
  }

  /** x [R, I] → [R, O]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.op(x);
  }

  dispose(): void {
    this.w.dispose();
    this.wT.dispose();
  }
}
