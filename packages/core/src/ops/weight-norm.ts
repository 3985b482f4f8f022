import * as tf from '@tensorflow/tfjs-core';
import { weightNorm } from '@vrvq/rvq';
import { customOp } from './custom-op.js';
import { loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';

const WN_KERNEL = 'VrvqWeightNorm';
const WN_GRAD_KERNEL = 'VrvqWeightNormGrad';
let registered = false;

function register(): void {
  if (registered) return;
  // w[a, …] = g[a] · v[a, …] / ‖v[a, …]‖, rows a of length `row` (norms in float64).
  registerLoopKernel(WN_KERNEL, (kind) => ({ inputs, backend }) => {
    const { g, v } = inputs as { g: tf.TensorInfo; v: tf.TensorInfo };
    const rows = v.shape[0];
    return runLoop(kind, backend, [g, v], [v.shape], ([gv, vv], [w]) => {
      const row = vv.length / rows;
      for (let a = 0; a < rows; a++) {
        const o = a * row;
        let ss = 0;
        for (let i = 0; i < row; i++) ss += vv[o + i] * vv[o + i];
        const scale = gv[a] / Math.sqrt(ss);
        for (let i = 0; i < row; i++) w[o + i] = vv[o + i] * scale;
      }
    })[0];
  });
  // dg[a] = Σ dw·v / ‖v‖, dv = (g/‖v‖)·(dw − (Σ dw·v)·v/‖v‖²), per row.
  registerLoopKernel(WN_GRAD_KERNEL, (kind) => ({ inputs, backend }) => {
    const { dw, g, v } = inputs as { dw: tf.TensorInfo; g: tf.TensorInfo; v: tf.TensorInfo };
    const rows = v.shape[0];
    return runLoop(kind, backend, [dw, g, v], [g.shape, v.shape], ([dwv, gv, vv], [dg, dv]) => {
      const row = vv.length / rows;
      for (let a = 0; a < rows; a++) {
        const o = a * row;
        let ss = 0;
        let dot = 0;
        for (let i = 0; i < row; i++) {
          ss += vv[o + i] * vv[o + i];
          dot += dwv[o + i] * vv[o + i];
        }
        const norm = Math.sqrt(ss);
        dg[a] = dot / norm;
        const s = gv[a] / norm;
        const c = dot / ss;
        for (let i = 0; i < row; i++) dv[o + i] = s * (dwv[o + i] - c * vv[o + i]);
      }
    });
  });
  registered = true;
}

const wnOp = customOp(([g, v], save) => {
  save([g, v]);
  return {
    value: tf.engine().runKernel(WN_KERNEL, { g, v }) as tf.Tensor,
    gradFunc: (dw, [gs, vs]) => tf.engine().runKernel(WN_GRAD_KERNEL, { dw, g: gs, v: vs }) as tf.Tensor[],
  };
});

/**
 * Weight normalisation w = g · v/‖v‖ with the norm over every axis but the first (PyTorch
 * `weight_norm(dim=0)`), g [A, 1, …], v [A, …] → w like v. On cpu and wasm one loop kernel each
 * way (the tfjs-op chain is five kernels forward and about a dozen backward per layer);
 * elsewhere `weightNorm` from `@vrvq/rvq`. Differentiable w.r.t. g and v.
 */
export function weightNormFused(g: tf.Tensor, v: tf.Tensor): tf.Tensor {
  if (loopKernelsActive() && g.dtype === 'float32' && v.dtype === 'float32' && g.size === v.shape[0]) {
    register();
    return wnOp(g, v);
  }
  return weightNorm(g, v);
}
