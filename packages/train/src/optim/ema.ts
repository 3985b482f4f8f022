import * as tf from '@tensorflow/tfjs-core';
import type { SafetensorsFile } from '@vrvq/core';
import { TrainError } from '../errors.js';

/**
 * Exponential moving average of a model's parameters (Polyak averaging): after every optimiser
 * step, avg ← d·avg + (1 − d)·w. Small-batch training leaves single checkpoints noisy; the average
 * is a better model at no training cost. Starts from the parameters' values at construction.
 *
 * `withAverage(fn)` swaps the averaged values into the live parameters for the duration of `fn`
 * (validation, export) and swaps them back exactly: the training trajectory is unchanged.
 */
export class WeightAverage {
  readonly decay: number;
  private readonly params: [string, tf.Variable][];
  private readonly shadow: tf.Variable[];
  private swapped = false;

  constructor(params: [string, tf.Variable][], decay: number) {
    if (!(decay >= 0 && decay < 1)) throw new TrainError('bad-config', `the averaging decay must be in [0, 1), got ${decay}`);
    this.decay = decay;
    this.params = params;
    // tf.variable shares the value's storage until the first assign replaces it
    this.shadow = params.map(([, v]) => tf.variable(v, false));
  }

  /** avg ← avg + (1 − d)·(w − avg) for every parameter. */
  update(): void {
    if (this.swapped) throw new Error('WeightAverage.update() inside withAverage()');
    tf.tidy(() => {
      this.params.forEach(([, w], i) => {
        const avg = this.shadow[i] as tf.Variable;
        avg.assign(tf.add(avg, tf.mul(tf.sub(w, avg), 1 - this.decay))); // [same shape as w]
      });
    });
  }

  private swap(): void {
    tf.tidy(() => {
      this.params.forEach(([, w], i) => {
        const avg = this.shadow[i] as tf.Variable;
        const live = w.clone();
        w.assign(avg);
        avg.assign(live);
      });
    });
    this.swapped = !this.swapped;
  }

  /** Runs `fn` with the averaged values in the live parameters, then restores the live values. */
  async withAverage<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.swapped) return fn();
    this.swap();
    try {
      return await fn();
    } finally {
      this.swap();
    }
  }

  /** Loads averaged values from a weights file of the same model (a checkpoint's `model-ema.safetensors`). */
  load(file: SafetensorsFile): void {
    this.params.forEach(([name, w], i) => {
      const t = file.tensors.get(name);
      if (!t || t.shape.join(',') !== w.shape.join(',') || !(t.data instanceof Float32Array)) {
        throw new TrainError('checkpoint-corrupt', `averaged weight '${name}' is missing or has another shape`);
      }
      tf.tidy(() => {
        (this.shadow[i] as tf.Variable).assign(tf.tensor(t.data as Float32Array, t.shape));
      });
    });
  }

  dispose(): void {
    for (const v of this.shadow) v.dispose();
  }
}
