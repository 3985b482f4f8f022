import * as tf from '@tensorflow/tfjs-core';

/**
 * √(Σ‖g‖²) over all gradients as a scalar tensor on the active backend (float32 accumulation,
 * like PyTorch). Nothing is read back, so it works on WebGPU in Node. The caller disposes it.
 */
export function globalNormTensor(grads: tf.Tensor[]): tf.Scalar {
  if (grads.length === 0) return tf.scalar(0, 'float32');
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/** √(Σ‖g‖²) over all gradients, read back asynchronously as a number. */
export async function globalNorm(grads: tf.Tensor[]): Promise<number> {
  const norm = globalNormTensor(grads);
  try {
    return (await norm.data())[0];
  } finally {
    norm.dispose();
  }
}

/**
 * The clipping factor of PyTorch's `clip_grad_norm_` as a scalar tensor:
 * min(1, maxNorm / (norm + 1e-6)), and 1 when `norm` is not finite (the caller decides what a
 * non-finite norm means; AdamW skips the step). Computed on the device, so no read is needed.
 * The caller disposes it.
 */
export function clipCoefficient(norm: tf.Scalar, maxNorm: number): tf.Scalar {
  return tf.tidy(() => {
    if (maxNorm === Number.POSITIVE_INFINITY) return tf.onesLike(norm);
    const coef = tf.minimum(tf.div(tf.scalar(maxNorm, 'float32'), tf.add(norm, 1e-6)), 1);
    return tf.where(tf.isFinite(norm), coef, tf.onesLike(coef)) as tf.Scalar;
  });
}

/**
 * PyTorch `clip_grad_norm_`: if the global norm exceeds maxNorm, every gradient is scaled by
 * maxNorm / (norm + 1e-6). Returns new tensors (the caller disposes both sets, and the norm) and
 * the norm before clipping, as a scalar tensor (read it with `await norm.data()`). A non-finite
 * norm is returned as is and the gradients are not scaled. Everything stays on the device.
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const norm = globalNormTensor(Object.values(grads));
  const out: Record<string, tf.Tensor> = {};
  if (maxNorm === Number.POSITIVE_INFINITY) {
    for (const [k, g] of Object.entries(grads)) out[k] = g.clone();
    return { grads: out, norm };
  }
  const coef = clipCoefficient(norm, maxNorm);
  for (const [k, g] of Object.entries(grads)) out[k] = tf.mul(g, coef);
  coef.dispose();
  return { grads: out, norm };
}
