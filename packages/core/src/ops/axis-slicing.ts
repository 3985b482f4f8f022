import * as tf from '@tensorflow/tfjs-core';

// Pads and slices of one axis done on a 2-D view [outer, axis·inner]: wasm copies slices one
// innermost run at a time in JS, so slicing time out of [B, T, C] as 3-D costs B·T copies of C
// floats, while the 2-D view costs B copies. Gradients (slice ↔ pad) keep the same 2-D shape.

function split(shape: number[], axis: number): [number, number, number] {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return [outer, shape[axis], inner];
}

/** Zero padding of one axis. x [..., n, ...] → [..., before + n + after, ...]. */
export function padAxis<T extends tf.Tensor>(x: T, axis: number, before: number, after: number): T {
  if (before === 0 && after === 0) return x;
  return tf.tidy(() => {
    const [outer, n, inner] = split(x.shape, axis);
    const flat = tf.reshape(x, [outer, n * inner]); // [outer, n·inner]
    const padded = tf.pad(flat, [
      [0, 0],
      [before * inner, after * inner],
    ]); // [outer, (before + n + after)·inner]
    const shape = x.shape.slice();
    shape[axis] = before + n + after;
    return tf.reshape(padded, shape) as T;
  });
}

/** x[..., start : start + size, ...] along one axis. */
export function sliceAxis<T extends tf.Tensor>(x: T, axis: number, start: number, size: number): T {
  if (start === 0 && size === x.shape[axis]) return x;
  return tf.tidy(() => {
    const [outer, n, inner] = split(x.shape, axis);
    const flat = tf.reshape(x, [outer, n * inner]); // [outer, n·inner]
    const part = tf.slice(flat, [0, start * inner], [outer, size * inner]); // [outer, size·inner]
    const shape = x.shape.slice();
    shape[axis] = size;
    return tf.reshape(part, shape) as T;
  });
}

/** Crops or zero-extends the end of one axis to exactly `len`. */
export function fitAxis<T extends tf.Tensor>(x: T, axis: number, len: number): T {
  const n = x.shape[axis];
  if (n === len) return x;
  return n > len ? sliceAxis(x, axis, 0, len) : padAxis(x, axis, 0, len - n);
}
