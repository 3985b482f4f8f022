import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { Module } from '../nn/module.js';
import { ModuleList } from '../nn/module-list.js';
import type { Rng } from '../nn/rng.js';
import { countsToMask } from '../mask/prefix.js';
import { maskedSum } from './masked-sum.js';
import { VectorQuantizer } from './vector-quantizer.js';

/** Shape of a residual vector quantizer (DAC 44.1 kHz / VRVQ: 1024, 8, 1024, 8). */
export interface RvqConfig {
  /** D, the latent width (encoder output channels). */
  inputDim: number;
  /** Nq, the number of RVQ levels. */
  nCodebooks: number;
  /** K, entries per codebook (a power of two for bit accounting). */
  codebookSize: number;
  /** C, the factorised code dimension (in_proj output). */
  codebookDim: number;
}

/**
 * Everything the training forward pass produces for z `[B, T, D]` over n levels (n = Nq unless
 * `nLevels` was given). Level axis: second for codes and losses, last for latents.
 */
export type RvqOutput = {
  /** ẑ_k for k = 0…n−1, each `[B, T, D]`, computed on the unmasked residual chain. */
  contributions: tf.Tensor3D[];
  /** int32 `[B, n, T]`. */
  codes: tf.Tensor3D;
  /** Commitment loss per (item, level, frame), mean over the code dims: `[B, n, T]`. */
  commitmentLoss: tf.Tensor3D;
  /** Codebook loss per (item, level, frame), mean over the code dims: `[B, n, T]`. */
  codebookLoss: tf.Tensor3D;
  /** z_e of all levels concatenated level-major: `[B, T, C·n]`. */
  latents: tf.Tensor3D;
};

/**
 * Residual VQ as DAC's `ResidualVectorQuantize`: r_0 = z, ẑ_k = VQ_k(r_k), r_{k+1} = r_k − ẑ_k
 * (in the D space, never masked). Masking happens afterwards on the contributions
 * ({@link maskedSum}); because masks are prefixes, the codes of kept levels are the ones a
 * decoder-side truncated chain would use.
 *
 * Registers children `quantizers.0 … quantizers.{Nq−1}`; a codec registers this module as
 * `quantizer`, giving `quantizer.quantizers.{i}.in_proj.weight_g` etc.
 */
export class ResidualVectorQuantizer extends Module {
  readonly config: Readonly<RvqConfig>;
  readonly quantizers: ModuleList<VectorQuantizer>;

  constructor(config: RvqConfig, rng: Rng) {
    super();
    check(Number.isInteger(config.nCodebooks) && config.nCodebooks > 0, 'invalid-config', () =>
      `ResidualVectorQuantizer: nCodebooks must be a positive integer, got ${config.nCodebooks}`,
    );
    this.config = Object.freeze({ ...config });
    const levels: VectorQuantizer[] = [];
    for (let i = 0; i < config.nCodebooks; i++) {
      levels.push(new VectorQuantizer(config.inputDim, config.codebookSize, config.codebookDim, rng));
    }
    this.quantizers = this.child('quantizers', new ModuleList(levels));
  }

  get nCodebooks(): number {
    return this.config.nCodebooks;
  }

  /**
   * Training forward pass: z `[B, T, D]` through the first `nLevels` (default all) levels with
   * losses. Apply a mask with {@link maskedSum} and {@link maskedVqLosses}.
   */
  forward(z: tf.Tensor3D, options: { nLevels?: number } = {}): RvqOutput {
    const n = this.levelCount(options.nLevels);
    this.checkInput(z);
    return tf.tidy(() => {
      const contributions: tf.Tensor3D[] = [];
      const codes: tf.Tensor2D[] = [];
      const commit: tf.Tensor2D[] = [];
      const cbLoss: tf.Tensor2D[] = [];
      const latents: tf.Tensor3D[] = [];
      let residual = z;
      for (let k = 0; k < n; k++) {
        const out = this.quantizers.at(k).forward(residual);
        contributions.push(out.contribution);
        codes.push(out.codes);
        commit.push(out.commitmentLoss);
        cbLoss.push(out.codebookLoss);
        latents.push(out.latent);
        if (k + 1 < n) residual = tf.sub(residual, out.contribution) as tf.Tensor3D; // [B, T, D]
      }
      return {
        contributions,
        codes: tf.stack(codes, 1) as tf.Tensor3D, // [B, n, T]
        commitmentLoss: tf.stack(commit, 1) as tf.Tensor3D, // [B, n, T]
        codebookLoss: tf.stack(cbLoss, 1) as tf.Tensor3D, // [B, n, T]
        latents: tf.concat(latents, 2) as tf.Tensor3D, // [B, T, C·n]
      };
    });
  }

  /**
   * Inference encode: the first `nLevels` (default all) levels only — the loop stops early, no
   * losses. z `[B, T, D]` → codes int32 `[B, n, T]`. For VBR, pass n = max count (or Nq) and
   * transmit codes[:, k, t] for k < count[t].
   */
  encode(z: tf.Tensor3D, nLevels?: number): tf.Tensor3D {
    const n = this.levelCount(nLevels);
    this.checkInput(z);
    return tf.tidy(() => {
      const codes: tf.Tensor2D[] = [];
      let residual = z;
      for (let k = 0; k < n; k++) {
        const out = this.quantizers.at(k).encode(residual);
        codes.push(out.codes);
        if (k + 1 < n) residual = tf.sub(residual, out.contribution) as tf.Tensor3D; // [B, T, D]
      }
      return tf.stack(codes, 1) as tf.Tensor3D; // [B, n, T]
    });
  }

  /**
   * Decoder side: z_q `[B, T, D]` from integers alone (codebooks and out_proj; no encoder).
   * codes int32 `[B, n, T]` with n ≤ Nq (entries of unused levels are ignored; any valid index);
   * counts int `[B, T]` (level k is used at frame t iff k < counts[b, t]) or one number for every
   * frame (CBR); default: all n levels. Equals `maskedSum(forward(z).contributions, mask)` for the
   * same codes and the mask `countsToMask(counts)`.
   */
  codesToLatent(codes: tf.Tensor3D, counts?: tf.Tensor2D | number): tf.Tensor3D {
    check(codes.rank === 3, 'invalid-shape', () => `codesToLatent expects codes [B, n, T], got [${codes.shape}]`);
    const [b, n, t] = codes.shape;
    this.levelCount(n);
    if (typeof counts === 'number') {
      check(Number.isInteger(counts) && counts >= 0 && counts <= n, 'invalid-argument', () =>
        `codesToLatent: a constant count must be an integer in 0…${n}, got ${counts}`,
      );
    } else if (counts !== undefined) {
      check(counts.rank === 2 && counts.shape[0] === b && counts.shape[1] === t, 'invalid-shape', () =>
        `codesToLatent: counts must be [${b}, ${t}], got [${counts.shape}]`,
      );
    }
    return tf.tidy(() => {
      const perLevel = tf.unstack(tf.cast(codes, 'int32'), 1) as tf.Tensor2D[]; // n × [B, T]
      const contributions = perLevel.map((c, k) => this.quantizers.at(k).decode(c)); // n × [B, T, D]
      const countTensor =
        counts === undefined ? tf.fill([b, t], n, 'int32') : typeof counts === 'number' ? tf.fill([b, t], counts, 'int32') : counts;
      return maskedSum(contributions, countsToMask(countTensor as tf.Tensor2D, n)); // [B, T, D]
    });
  }

  private levelCount(nLevels: number | undefined): number {
    const n = nLevels ?? this.config.nCodebooks;
    check(Number.isInteger(n) && n >= 1 && n <= this.config.nCodebooks, 'invalid-argument', () =>
      `number of levels must be an integer in 1…${this.config.nCodebooks}, got ${n}`,
    );
    return n;
  }

  private checkInput(z: tf.Tensor): void {
    check(z.rank === 3 && z.shape[2] === this.config.inputDim, 'invalid-shape', () =>
      `ResidualVectorQuantizer expects z [B, T, ${this.config.inputDim}], got [${z.shape}]`,
    );
  }
}
