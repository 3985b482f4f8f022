import * as tf from '@tensorflow/tfjs-core';
import { check } from './check.js';
import { customOp } from './custom-op.js';

const addOp = customOp(([a, b]) => ({
  value: tf.add(a, b),
  // Nothing saved: tfjs's own Add gradient saves both inputs (a copy of each on wasm) only to
  // read their shapes. Each gradient is a reshape: the same data under a new tensor (the tape
  // disposes what it is given, so dy itself must not be handed back).
  gradFunc: (dy) => [tf.reshape(dy, dy.shape), tf.reshape(dy, dy.shape)],
}));

/** a + b for tensors of the same shape (a residual connection), without saving a and b for backward. */
export function addSame<T extends tf.Tensor>(a: T, b: T): T {
  check(tf.util.arraysEqual(a.shape, b.shape), () => `addSame: shapes differ, [${a.shape}] vs [${b.shape}]`);
  return addOp(a, b) as T;
}
