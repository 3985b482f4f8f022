import * as tf from '@tensorflow/tfjs-core';
import {
  type LevelSampling,
  Module,
  ResidualVectorQuantizer,
  Rng,
  type SurrogateKind,
  buildTrainingMask,
  maskToCounts,
  maskedSum,
  maskedVqLosses,
} from '@vrvq/rvq';
import { CoreError } from '../errors.js';
import { stopGradient } from '../ops/index.js';
import type { ModelPreset } from '../presets/types.js';
import { encoderFeatureDim, hopLength, resolvePreset } from '../presets/validate.js';
import { exportWeights, loadWeightsInto, parseWeights, presetFromWeights } from '../weights/model-weights.js';
import { Decoder } from './decoder.js';
import { Encoder } from './encoder.js';
import { ImportanceSubnet } from './importance-subnet.js';

/** How one training batch is masked (see `buildTrainingMask` in `@vrvq/rvq`). */
export interface TrainForwardSpec {
  /** `'vbr'`: VRVQ importance masks; `'cbr'`: DAC quantizer dropout. */
  mode: 'vbr' | 'cbr';
  /** Draws ℓ per item and dropout counts. */
  rng: Rng;
  /** VBR: share of the batch (last items) that uses all levels. Default 0.25. */
  fullCodebookRate?: number;
  /** Share of items with a random prefix length (CBR default 0.5, VBR default 0). */
  dropoutRate?: number;
  /** Distribution of ℓ (default uniform on [0.125, 6]). */
  levels?: LevelSampling;
  /** Surrogate for the mask gradient: `'logcosh'` (VRVQ) or `'ramp'` (baseline). */
  estimator?: SurrogateKind;
  /** α of the log-cosh surrogate (default 2). */
  alpha?: number;
  /** Stop the importance subnet's gradient from reaching the encoder (config vrvq_a2_dt). */
  detachImportanceInput?: boolean;
  /** Per-frame rate-loss weights [B, T, 1] (default all 1; see `buildTrainingMask`). */
  rateWeights?: tf.Tensor3D;
}

export interface TrainForwardOutput {
  /** Reconstruction [B, N, 1], same length as the input. */
  y: tf.Tensor3D;
  /** Σ_k of the masked per-level commitment loss, mean over items and frames. */
  commitment: tf.Scalar;
  /** Σ_k of the masked per-level codebook loss, mean over items and frames. */
  codebook: tf.Scalar;
  /** Mean importance over the importance-masked items (0 in CBR mode). */
  rate: tf.Scalar;
  /** Importance map [B, T, 1], or null for a model without the subnet. */
  p: tf.Tensor3D | null;
  /** Codebooks used per frame, int32 [B, T]. */
  counts: tf.Tensor2D;
  /** ℓ of each importance-masked item. */
  levels: number[];
}

/** The output of analysing audio once: everything needed to produce any bitrate afterwards. */
export interface Analysis {
  /** int32 [B, N_q, T]: codes of every level. */
  codes: tf.Tensor3D;
  /** Importance map [B, T, 1] (null without the subnet). */
  p: tf.Tensor3D | null;
}

/**
 * The VRVQ codec: DAC encoder → importance subnet → residual VQ (`@vrvq/rvq`) → DAC decoder.
 * Parameter names follow the official state_dicts: `encoder.…`, `decoder.…`,
 * `quantizer.quantizers.{i}.…`, and `imp_subnet.…` for the importance network.
 */
export class VrvqCodec extends Module {
  readonly preset: ModelPreset;
  readonly hop: number;
  readonly encoder: Encoder;
  readonly quantizer: ResidualVectorQuantizer;
  readonly decoder: Decoder;
  readonly importance: ImportanceSubnet | null;

  constructor(preset: ModelPreset | string, seed = 0) {
    super();
    this.preset = resolvePreset(preset);
    this.hop = hopLength(this.preset);
    const rng = new Rng(seed);
    const p = this.preset;
    this.encoder = this.child('encoder', new Encoder(p, rng));
    this.quantizer = this.child(
      'quantizer',
      new ResidualVectorQuantizer(
        { inputDim: p.latentDim, nCodebooks: p.nCodebooks, codebookSize: p.codebookSize, codebookDim: p.codebookDim },
        rng,
      ),
    );
    this.decoder = this.child('decoder', new Decoder(p, rng));
    this.importance = p.importanceChannels
      ? this.child('imp_subnet', new ImportanceSubnet(encoderFeatureDim(p), p.importanceChannels, rng))
      : null;
  }

  /** Builds a codec from weights bytes; the preset comes from the file unless given. */
  static fromWeights(bytes: Uint8Array, preset?: ModelPreset | string): VrvqCodec {
    const file = parseWeights(bytes);
    const stored = presetFromWeights(file);
    const chosen = preset ?? stored;
    if (!chosen) {
      throw new CoreError('BAD_WEIGHTS', 'the weights file carries no preset: pass the model preset explicitly');
    }
    const codec = new VrvqCodec(chosen);
    try {
      loadWeightsInto(codec, file);
    } catch (e) {
      codec.dispose();
      throw e;
    }
    return codec;
  }

  /** Serialises all parameters and the preset (plus any string metadata) to safetensors bytes. */
  toWeights(metadata: Record<string, string> = {}): Promise<Uint8Array> {
    return exportWeights(this, this.preset, metadata);
  }

  /** True when the model has an importance subnet and so supports VBR. */
  get supportsVbr(): boolean {
    return this.importance !== null;
  }

  /**
   * One training forward pass on x [B, N, 1] (N a multiple of the hop): encoder, all RVQ levels
   * on the unmasked residual chain, batch mask (importance/dropout/full), masked sum, decoder.
   * Call inside a gradient closure; the caller disposes the outputs.
   */
  trainForward(x: tf.Tensor3D, spec: TrainForwardSpec): TrainForwardOutput {
    this.checkAudio(x);
    if (spec.mode === 'vbr' && !this.importance) {
      throw new CoreError('BAD_INPUT', `preset '${this.preset.name}' has no importance subnet: train it in 'cbr' mode`);
    }
    const [b, n] = x.shape;
    const frames = n / this.hop;
    let levels: number[] = [];
    const out = tidyObject(() => {
      const { z, h } = this.encoder.apply(x); // z [B, T, D], h [B, T, C]
      const q = this.quantizer.forward(z); // contributions n × [B, T, D], losses [B, Nq, T]
      let p: tf.Tensor3D | null = null;
      if (this.importance) {
        p = this.importance.apply(spec.detachImportanceInput ? stopGradient(h) : h); // [B, T, 1]
      }
      const tm = buildTrainingMask(spec.mode === 'vbr' ? p! : { batch: b, frames }, {
        mode: spec.mode,
        nCodebooks: this.preset.nCodebooks,
        rng: spec.rng,
        fullCodebookRate: spec.fullCodebookRate,
        dropoutRate: spec.dropoutRate,
        levels: spec.levels,
        estimator: spec.estimator,
        alpha: spec.alpha,
        rateWeights: spec.rateWeights,
      });
      levels = tm.levels;
      const zq = maskedSum(q.contributions, tm.mask); // [B, T, D]
      const y = fitLength(this.decoder.apply(zq), n); // [B, N, 1]
      const { commitment, codebook } = maskedVqLosses(q, tm.mask);
      return {
        y,
        commitment,
        codebook,
        rate: tm.rateLoss,
        p,
        counts: maskToCounts(tm.mask),
      };
    });
    return { ...out, levels };
  }

  /** Encodes x [B, N, 1] (N a multiple of the hop) into codes of every level and the importance map. */
  analyze(x: tf.Tensor3D): Analysis {
    this.checkAudio(x);
    return tidyObject(() => {
      const { z, h } = this.encoder.apply(x); // [B, T, D], [B, T, C]
      const codes = this.quantizer.encode(z); // int32 [B, Nq, T]
      const p = this.importance ? this.importance.apply(h) : null; // [B, T, 1]
      return { codes, p };
    });
  }

  /**
   * Decodes codes int32 [B, n, T] with `counts` (int [B, T], or one count for every frame) into
   * audio [B, T·hop, 1] (zero-padded where odd strides make the decoder a few samples short).
   */
  decodeCodes(codes: tf.Tensor3D, counts?: tf.Tensor2D | number): tf.Tensor3D {
    return tf.tidy(() => {
      const zq = this.quantizer.codesToLatent(codes, counts); // [B, T, D]
      return fitLength(this.decoder.apply(zq), codes.shape[2]! * this.hop); // [B, T·hop, 1]
    });
  }

  private checkAudio(x: tf.Tensor): void {
    if (x.rank !== 3 || x.shape[2] !== 1) {
      throw new CoreError('BAD_INPUT', `expected audio [B, N, 1], got [${x.shape}]`);
    }
    const n = x.shape[1]!;
    if (n === 0 || n % this.hop !== 0) {
      throw new CoreError('BAD_INPUT', `audio length ${n} is not a positive multiple of the hop ${this.hop}`);
    }
  }
}

/** `tf.tidy` for a result object whose fields may be null (tidy's types reject null). */
function tidyObject<T extends object>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}

/** Crops or right-pads with zeros along time: y [B, M, C] → [B, n, C]. */
export function fitLength(y: tf.Tensor3D, n: number): tf.Tensor3D {
  const m = y.shape[1];
  if (m === n) return y;
  return tf.tidy(() =>
    m > n ? tf.slice(y, [0, 0, 0], [-1, n, -1]) : tf.pad(y, [[0, 0], [0, n - m], [0, 0]]),
  ) as tf.Tensor3D;
}
