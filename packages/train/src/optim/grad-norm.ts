import * as tf from '@tensorflow/tfjs-core';

/** √(Σ‖g‖²) over all gradients, read back as a number (float32 accumulation, like PyTorch). */
export function globalNorm(grads: tf.Tensor[]): number {
  if (grads.length === 0) return 0;
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
}

/**
 * PyTorch `clip_grad_norm_`: if the global norm exceeds maxNorm, every gradient is scaled by
 * maxNorm / (norm + 1e-6). Returns new tensors (the caller disposes both sets) and the norm
 * before clipping. A non-finite norm is returned as is and the gradients are not scaled.
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: number } {
  const norm = globalNorm(Object.values(grads));
  const coef = maxNorm / (norm + 1e-6);
  const out: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) {
    out[k] = Number.isFinite(norm) && coef < 1 ? tf.tidy(() => tf.mul(g, tf.scalar(coef, 'float32'))) : g.clone();
  }
  return { grads: out, norm };
}
