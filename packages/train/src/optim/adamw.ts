import * as tf from '@tensorflow/tfjs-core';
import { TrainError } from '../errors.js';
import { clipCoefficient, globalNormTensor } from './grad-norm.js';

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
 *
 * An update never reads from the device: clipping and the NaN/∞ guard are computed there, so a
 * step can be issued inside a synchronous closure (e.g. a `tf.variableGrads` function) and on
 * WebGPU in Node, where blocking reads are impossible. The gradient norm is read afterwards:
 * `applyGradients` returns a promise of it (see there).
 */
export class AdamW {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private stepCount = 0;
  /** The result of the last update while its gradient norm is still being read. */
  private pending: Promise<StepResult> | null = null;
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

  /** Number of updates applied so far (a skipped update counts once its norm has been read). */
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
   *
   * All device work is issued synchronously, before this returns: the global norm, the clipping
   * factor min(1, maxNorm/(norm + 1e-6)) and the finiteness of the norm stay scalar tensors that
   * scale the update, and a non-finite norm turns the update into an exact no-op (parameters and
   * both moments keep their values). The returned promise reads the norm; when it was not
   * finite, it rolls the step counter back before resolving, so bias correction continues as if
   * the step had never been taken. Await it before the next update: `applyGradients` refuses
   * to start a step while the previous one's norm is still unread.
   */
  applyGradients(grads: Record<string, tf.Tensor>, opts: { maxGradNorm?: number; lr?: number } = {}): Promise<StepResult> {
    if (this.pending) {
      throw new TrainError('bad-argument', 'AdamW.applyGradients was called before the previous update settled: await its result first');
    }
    this.stepCount += 1;
    const t = this.stepCount;
    const lr = opts.lr ?? this.lr;
    const bc1 = 1 - this.beta1 ** t;
    const bc2Sqrt = Math.sqrt(1 - this.beta2 ** t);
    const stepSize = lr / bc1;
    const maxNorm = opts.maxGradNorm ?? Number.POSITIVE_INFINITY;
    const present = this.params.filter(([name]) => grads[name]);
    let norm: tf.Scalar;
    try {
      norm = tf.keep(globalNormTensor(Object.values(grads)));
      tf.tidy(() => {
        // Per-step scalars (on the device). With a finite norm: the clipping factor c and the
        // usual AdamW factors. Otherwise factors that make the update the identity, and a NaN
        // gradient scale, so that every gradient element is zeroed below.
        const finite = tf.isFinite(norm);
        const pick = (ok: tf.Tensor | number, skip: number) => tf.where(finite, ok, tf.scalar(skip, 'float32'));
        const scale = pick(clipCoefficient(norm, maxNorm), Number.NaN); // c, or NaN
        const keepM = pick(this.beta1, 1);
        const gainM = pick(1 - this.beta1, 0);
        const keepV = pick(this.beta2, 1);
        const gainV = pick(1 - this.beta2, 0);
        const decay = this.weightDecay !== 0 ? pick(1 - lr * this.weightDecay, 1) : null;
        const size = pick(stepSize, 0);
        for (const [name, p] of present) {
          const m = this.m.get(name)!;
          const v = this.v.get(name)!;
          tf.tidy(() => {
            // NaN·0 and ∞·0 are NaN, so zero gains alone cannot guard the moments: the scaled
            // gradient's non-finite elements become 0 — all of them when the norm is not finite
            // (scale NaN), none otherwise. Four cheap elementwise kernels; a select on the
            // broadcast scalar flag would need two Tiles, which wasm runs ~50× slower.
            const scaled = tf.mul(grads[name], scale);
            const g = tf.where(tf.isFinite(scaled), scaled, tf.zerosLike(scaled));
            const decayed = decay ? tf.mul(p, decay) : p;
            const m1 = tf.add(tf.mul(m, keepM), tf.mul(g, gainM));
            const v1 = tf.add(tf.mul(v, keepV), tf.mul(tf.square(g), gainV));
            const denom = tf.add(tf.div(tf.sqrt(v1), bc2Sqrt), this.eps);
            m.assign(m1);
            v.assign(v1);
            p.assign(tf.sub(decayed, tf.mul(tf.div(m1, denom), size)));
          });
        }
      });
    } catch (e) {
      this.stepCount -= 1;
      throw e;
    }
    const result = norm
      .data()
      .then((d) => {
        const gradNorm = d[0];
        const skipped = !Number.isFinite(gradNorm);
        if (skipped) this.stepCount -= 1;
        return { gradNorm, skipped };
      })
      .finally(() => {
        norm.dispose();
        this.pending = null;
      });
    this.pending = result;
    return result;
  }

  /** The moments and the step count; waits for a pending update's norm (it may roll the count back). */
  async getState(): Promise<AdamWState> {
    await this.pending?.catch(() => undefined);
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
