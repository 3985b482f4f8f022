import * as tf from '@tensorflow/tfjs-core';
import { TrainError } from '../errors.js';
import { clipByGlobalNorm } from './grad-norm.js';

export interface AdamWOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

/** Serialisable optimiser state: the step count and, per parameter, both moments. */
export interface AdamWState {
  step: number;
  /** `${param}.exp_avg` and `${param}.exp_avg_sq` → shape + float32 data. */
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

export interface StepResult {
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** True when the norm (hence some gradient) was NaN/±∞: nothing was updated. */
  skipped: boolean;
}

/**
 * AdamW exactly as PyTorch's (decoupled weight decay, bias-corrected moments):
 * p ← p·(1 − lr·wd); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
 * Defaults are DAC's: lr 1e-4, betas (0.8, 0.99), eps 1e-8, weight decay 0.01.
 * Parameters are named (PyTorch names) so the state can be saved and restored exactly.
 */
export class AdamW {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private stepCount = 0;
  private readonly params: Array<[string, tf.Variable]>;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(params: Array<[string, tf.Variable]>, opts: AdamWOptions = {}) {
    this.params = params;
    this.lr = opts.lr ?? 1e-4;
    this.beta1 = opts.beta1 ?? 0.8;
    this.beta2 = opts.beta2 ?? 0.99;
    this.eps = opts.eps ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0.01;
    const seen = new Set<string>();
    for (const [name, p] of params) {
      if (seen.has(name)) throw new TrainError('bad-argument', `duplicate parameter name '${name}' given to AdamW`);
      seen.add(name);
      const zeros = tf.zerosLike(p);
      this.m.set(name, tf.variable(zeros, false));
      this.v.set(name, tf.variable(zeros, false));
      zeros.dispose();
    }
  }

  /** Number of updates applied so far. */
  get step(): number {
    return this.stepCount;
  }

  /** The named variables this optimiser updates. */
  variables(): tf.Variable[] {
    return this.params.map(([, p]) => p);
  }

  /**
   * One update from gradients keyed by parameter name (missing gradients count as zero, as
   * PyTorch skips parameters without a grad — here: skipped too). Clips to maxGradNorm first
   * when given; if the global norm is not finite the step is skipped and nothing changes.
   * `lr` overrides the base rate for this step (a schedule). Does not dispose `grads`.
   */
  applyGradients(grads: Record<string, tf.Tensor>, opts: { maxGradNorm?: number; lr?: number } = {}): StepResult {
    const clipped = clipByGlobalNorm(grads, opts.maxGradNorm ?? Number.POSITIVE_INFINITY);
    try {
      if (!Number.isFinite(clipped.norm)) return { gradNorm: clipped.norm, skipped: true };
      this.stepCount += 1;
      const t = this.stepCount;
      const lr = opts.lr ?? this.lr;
      const bc1 = 1 - this.beta1 ** t;
      const bc2Sqrt = Math.sqrt(1 - this.beta2 ** t);
      const stepSize = lr / bc1;
      for (const [name, p] of this.params) {
        const g = clipped.grads[name];
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        tf.tidy(() => {
          const decayed = this.weightDecay !== 0 ? tf.mul(p, 1 - lr * this.weightDecay) : p;
          const m1 = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
          const v1 = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
          const denom = tf.add(tf.div(tf.sqrt(v1), bc2Sqrt), this.eps);
          m.assign(m1);
          v.assign(v1);
          p.assign(tf.sub(decayed, tf.mul(tf.div(m1, denom), stepSize)));
        });
      }
      return { gradNorm: clipped.norm, skipped: false };
    } finally {
      tf.dispose(Object.values(clipped.grads));
    }
  }

  async getState(): Promise<AdamWState> {
    const tensors: AdamWState['tensors'] = {};
    for (const [name] of this.params) {
      const m = this.m.get(name)!;
      const v = this.v.get(name)!;
      tensors[`${name}.exp_avg`] = { shape: m.shape.slice(), data: (await m.data()) as Float32Array };
      tensors[`${name}.exp_avg_sq`] = { shape: v.shape.slice(), data: (await v.data()) as Float32Array };
    }
    return { step: this.stepCount, tensors };
  }

  setState(state: AdamWState): void {
    for (const [name, p] of this.params) {
      for (const [suffix, target] of [['exp_avg', this.m.get(name)!], ['exp_avg_sq', this.v.get(name)!]] as const) {
        const t = state.tensors[`${name}.${suffix}`];
        if (!t) throw new TrainError('checkpoint-corrupt', `optimizer state has no '${name}.${suffix}'`);
        if (t.shape.join(',') !== p.shape.join(',')) {
          throw new TrainError('checkpoint-corrupt', `optimizer state '${name}.${suffix}' has shape [${t.shape}] but the parameter is [${p.shape}]`);
        }
        tf.tidy(() => target.assign(tf.tensor(t.data, t.shape, 'float32')));
      }
    }
    this.stepCount = state.step;
  }

  dispose(): void {
    for (const x of this.m.values()) x.dispose();
    for (const x of this.v.values()) x.dispose();
  }
}
