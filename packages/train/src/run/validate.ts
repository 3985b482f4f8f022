import * as tf from '@tensorflow/tfjs-core';
import type { VrvqCodec } from '@vrvq/core';
import { clipKbps, constantRateKbps, countsFromImportance, type RateConfig } from '@vrvq/rvq';
import type { ValidationItem } from '../data/validation-set.js';
import type { MultiScaleMelLoss } from '../losses/mel-loss.js';
import { siSdr } from '../losses/si-sdr.js';
import type { MultiScaleStftLoss } from '../losses/stft-loss.js';
import { waveformL1 } from '../losses/waveform.js';

/** One operating point of the rate–distortion curve, averaged over the validation set. */
export interface RatePoint {
  mode: 'vbr' | 'cbr';
  /** ℓ (VBR) — the scaled map is ℓ·N_q·p. */
  level?: number;
  /** Codebooks per frame (CBR). */
  n?: number;
  /** Payload + side info (VBR: ⌈log2 N_q⌉ bits/frame), frame rate sampleRate/hop. */
  kbps: number;
  /** 7-scale mel distance (the training mel loss). */
  mel: number;
  /** Multi-scale STFT distance. */
  stft: number;
  /** SI-SDR in dB. */
  sisdr: number;
  waveformL1: number;
  /** Mean codebooks per frame. */
  meanCodebooks: number;
}

export interface ValidationResult {
  items: number;
  seconds: number;
  points: RatePoint[];
}

export interface ValidationOptions {
  /** ℓ values for VBR points (ignored for models without the importance subnet). */
  levels: number[];
  /** Constant codebook counts for CBR points (clamped to N_q, duplicates dropped). */
  cbrCounts: number[];
  /** Items decoded together (default 4). */
  batch?: number;
}

/**
 * Rate–distortion evaluation of the codec on fixed excerpts: each batch is analysed once (codes
 * of every level + importance map), then decoded at every VBR ℓ (per-frame counts from the map)
 * and every CBR count, and compared with the input. Pure inference: changes no state.
 */
export async function validateCodec(
  codec: VrvqCodec,
  items: ValidationItem[],
  opts: ValidationOptions,
  losses: { mel: MultiScaleMelLoss; stft: MultiScaleStftLoss },
): Promise<ValidationResult> {
  const p = codec.preset;
  const nq = p.nCodebooks;
  const rateCfg: RateConfig = { nCodebooks: nq, codebookSize: p.codebookSize, sampleRate: p.sampleRate, hop: codec.hop };
  const vbrLevels = codec.supportsVbr ? opts.levels : [];
  const cbrCounts = [...new Set(opts.cbrCounts.map((n) => Math.min(nq, Math.max(1, n))))].sort((a, b) => a - b);
  const specs: Array<{ mode: 'vbr' | 'cbr'; level?: number; n?: number }> = [
    ...vbrLevels.map((level) => ({ mode: 'vbr' as const, level })),
    ...cbrCounts.map((n) => ({ mode: 'cbr' as const, n })),
  ];
  const sums = specs.map(() => ({ kbps: 0, mel: 0, stft: 0, sisdr: 0, waveformL1: 0, meanCodebooks: 0 }));
  const bs = Math.max(1, opts.batch ?? 4);
  let seconds = 0;
  for (let i = 0; i < items.length; i += bs) {
    const chunk = items.slice(i, i + bs);
    const n = chunk[0].audio.length;
    const flat = new Float32Array(chunk.length * n);
    for (const [j, it] of chunk.entries()) flat.set(it.audio, j * n);
    seconds += (chunk.length * n) / p.sampleRate;
    const x = tf.tensor3d(flat, [chunk.length, n, 1]); // [b, N, 1]
    const analysis = codec.analyze(x); // codes [b, Nq, T], p [b, T, 1]
    const pData = analysis.p ? ((await analysis.p.data()) as Float32Array) : null;
    const frames = analysis.codes.shape[2];
    for (const [k, spec] of specs.entries()) {
      let countsT: tf.Tensor2D | number;
      let kbps = 0;
      let mean = 0;
      if (spec.mode === 'vbr' && pData) {
        const counts = new Int32Array(chunk.length * frames);
        for (let j = 0; j < chunk.length; j++) {
          const c = countsFromImportance(pData.subarray(j * frames, (j + 1) * frames), spec.level!, nq);
          counts.set(c, j * frames);
          kbps += clipKbps(c, rateCfg, 'vbr');
          mean += c.reduce((a, b) => a + b, 0) / frames;
        }
        countsT = tf.tensor2d(counts, [chunk.length, frames], 'int32');
      } else {
        countsT = spec.n!;
        kbps = chunk.length * constantRateKbps(spec.n!, rateCfg, 'cbr');
        mean = chunk.length * spec.n!;
      }
      const y = codec.decodeCodes(analysis.codes, countsT); // [b, T·hop, 1]
      const yc = tf.tidy(() => tf.slice(y, [0, 0, 0], [-1, n, -1]));
      const m = tf.tidy(() =>
        tf.stack([
          tf.mul(losses.mel.loss(yc, x), chunk.length),
          tf.mul(losses.stft.loss(yc, x), chunk.length),
          tf.sum(siSdr(yc, x)),
          tf.mul(waveformL1(yc, x), chunk.length),
        ]),
      );
      const md = await m.data();
      sums[k].mel += md[0];
      sums[k].stft += md[1];
      sums[k].sisdr += md[2];
      sums[k].waveformL1 += md[3];
      sums[k].kbps += kbps;
      sums[k].meanCodebooks += mean;
      tf.dispose([y, yc, m]);
      if (typeof countsT !== 'number') countsT.dispose();
    }
    tf.dispose([x, analysis.codes]);
    analysis.p?.dispose();
  }
  const count = items.length;
  return {
    items: count,
    seconds,
    points: specs.map((s, k) => ({
      ...s,
      kbps: sums[k].kbps / count,
      mel: sums[k].mel / count,
      stft: sums[k].stft / count,
      sisdr: sums[k].sisdr / count,
      waveformL1: sums[k].waveformL1 / count,
      meanCodebooks: sums[k].meanCodebooks / count,
    })),
  };
}
