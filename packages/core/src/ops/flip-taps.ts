import * as tf from '@tensorflow/tfjs-core';
import { loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';

const FLIP_KERNEL = 'VrvqFlipTaps';
let registered = false;

function register(): void {
  if (registered) return;
  registerLoopKernel(FLIP_KERNEL, (kind) => ({ inputs, backend }) => {
    const w = inputs.w!;
    const [cout, cin, k] = w.shape;
    return runLoop(kind, backend, [w], [[k, cout, cin]], ([wv], [out]) => {
      const slab = cout * cin;
      for (let r = 0; r < slab; r++) {
        const from = r * k;
        for (let j = 0; j < k; j++) out[(k - 1 - j) * slab + r] = wv[from + j];
      }
    })[0];
  });
  registered = true;
}

/**
 * The kernel taps in reverse order, moved to tfjs's conv layout (the weights of a conv's input
 * gradient): w [Cout, Cin, K] → out [K, Cout, Cin] with out[K − 1 − j] = w[:, :, j]. One loop
 * kernel on cpu and wasm (wasm's Reverse and Gather walk element by element, with index math);
 * transpose + reverse elsewhere. Not differentiable (used inside gradient functions).
 */
export function flippedTaps(w: tf.Tensor3D): tf.Tensor3D {
  if (loopKernelsActive() && w.dtype === 'float32') {
    register();
    return tf.engine().runKernel(FLIP_KERNEL, { w }) as tf.Tensor3D;
  }
  return tf.tidy(() => tf.transpose(tf.reverse(w, 2), [2, 0, 1]) as tf.Tensor3D);
}
