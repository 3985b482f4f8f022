import * as tf from '@tensorflow/tfjs-core';
import { siSdr } from '@vrvq/audio';
import { MultiScaleMelLoss, MultiScaleStftLoss } from '@vrvq/train';

export interface Metrics {
  /** DAC's 7-scale log-mel L1 distance (lower is better). */
  melDistance: number;
  /** Multi-scale STFT distance (lower is better). */
  stftDistance: number;
  /** Scale-invariant SDR in dB (higher is better). */
  siSdr: number;
}

/**
 * SI-SDR in dB over a whole signal (zero-mean, float64): `siSdr` of `@vrvq/audio`, kept under this
 * name for callers of `@vrvq/cli`.
 */
export function siSdrDb(est: Float32Array, ref: Float32Array): number {
  return siSdr(est, ref);
}

/**
 * Mel distance, STFT distance and SI-SDR between reference and decoded audio (same rate, one
 * Float32Array per channel), averaged over channels; spectral distances in 10 s segments weighted
 * by length so memory stays bounded.
 */
export async function computeMetrics(ref: Float32Array[], deg: Float32Array[], sampleRate: number): Promise<Metrics> {
  const mel = new MultiScaleMelLoss({ sampleRate });
  const stft = new MultiScaleStftLoss();
  const seg = 10 * sampleRate;
  let melSum = 0;
  let stftSum = 0;
  let weight = 0;
  let sdr = 0;
  try {
    for (let c = 0; c < ref.length; c++) {
      const n = Math.min(ref[c].length, deg[c].length);
      sdr += siSdr(deg[c].subarray(0, n), ref[c].subarray(0, n));
      for (let i = 0; i < n; i += seg) {
        const len = Math.min(seg, n - i);
        if (len < 2048) continue; // too short for the largest window; covered by earlier segments
        const losses = tf.tidy(() => {
          const y = tf.tensor3d(ref[c].subarray(i, i + len), [1, len, 1]);
          const yh = tf.tensor3d(deg[c].subarray(i, i + len), [1, len, 1]);
          return tf.stack([mel.loss(yh, y), stft.loss(yh, y)]);
        });
        const [m, s] = Array.from(await losses.data()); // async read: works on WebGPU in Node too
        losses.dispose();
        melSum += m * len;
        stftSum += s * len;
        weight += len;
      }
    }
  } finally {
    mel.dispose();
    stft.dispose();
  }
  return {
    melDistance: weight ? melSum / weight : Number.NaN,
    stftDistance: weight ? stftSum / weight : Number.NaN,
    siSdr: sdr / ref.length,
  };
}
