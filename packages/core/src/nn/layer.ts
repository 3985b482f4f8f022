import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '@vrvq/rvq';

/** A module with a single channels-last 3-D input and output. */
export interface Layer1d {
  apply(x: tf.Tensor3D): tf.Tensor3D;
}

/** Runs children '0', '1', … in order, like PyTorch's `nn.Sequential` (same parameter names). */
export class Sequential1d extends Module implements Layer1d {
  readonly layers: Array<Module & Layer1d>;

  constructor(layers: Array<Module & Layer1d>) {
    super();
    this.layers = layers.map((l, i) => this.child(String(i), l));
  }

  /** x [B, T, C] → [B, T', C'] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    let h = x;
    for (const l of this.layers) {
      const next = l.apply(h);
      if (h !== x) h.dispose();
      h = next;
    }
    return h;
  }
}

/** A parameter-free layer (e.g. tanh) that still occupies an index in a Sequential. */
export class Lambda1d extends Module implements Layer1d {
  constructor(private readonly fn: (x: tf.Tensor3D) => tf.Tensor3D) {
    super();
  }

  apply(x: tf.Tensor3D): tf.Tensor3D {
    return this.fn(x);
  }
}
