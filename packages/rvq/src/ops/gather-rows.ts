import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';

/**
 * Rows of `table` `[K, C]` at int32 `indices` `[N]` → `[N, C]`, differentiable w.r.t. `table` on
 * every backend. tfjs's own `gather` gradient needs `UnsortedSegmentSum`, which the wasm backend
 * lacks; here the backward pass is `oneHot(indices)ᵀ · dy` as one rank-2, non-transposed matMul
 * (the fast wasm path). `indices` get no gradient (they are integers).
 */
export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const op = customOp(([t], save) => {
    save([indices]);
    return {
      value: tf.gather(t, indices, 0), // [N, C]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const idx = saved[0] as tf.Tensor1D; // [N]
          const k = t.shape[0];
          const rows = tf.reshape(tf.range(0, k, 1, 'int32'), [k, 1]); // [K, 1]
          // Built already transposed, so the matMul below needs no transpose flag.
          const oneHotT = tf.cast(tf.equal(rows, tf.reshape(idx, [1, -1])), 'float32'); // [K, N]
          return tf.matMul(oneHotT, dy as tf.Tensor2D); // [K, C]
        }),
    };
  });
  return op(table) as tf.Tensor2D;
}
