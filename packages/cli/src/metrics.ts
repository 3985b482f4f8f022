import * as tf from '@tensorflow/tfjs-core';
import { MultiScaleMelLoss, MultiScaleStftLoss } from '@vrvq/train';

export interface Metrics {
  /** DAC's 7-scale log-mel L1 distance (lower is better). */
  melDistance: number;
  /** Multi-scale STFT distance (lower is better). */
  stftDistance: number;
  /** Scale-invariant SDR in dB (higher is better). */
  siSdr: number;
}

/** SI-SDR in dB over a whole signal (zero-mean), computed in float64. */
export function siSdrDb(est: Float32Array, ref: Float32Array): number {
  const n = Math.min(est.length, ref.length);
  let me = 0;
  let mr = 0;
  for (let i = 0; i < n; i++) {
    me += est[i];
    mr += ref[i];
  }
  me /= n;
  mr /= n;
  let dot = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    dot += (est[i] - me) * (ref[i] - mr);
    rr += (ref[i] - mr) ** 2;
  }
  const eps = 1e-8;
  const alpha = (dot + eps) / (rr + eps);
  let sig = 0;
  let noise = 0;
  for (let i = 0; i < n; i++) {
    const t = alpha * (ref[i] - mr);
    sig += t * t;
    noise += (est[i] - me - t) ** 2;
  }
  return 10 * Math.log10(sig / (noise + eps) + eps);
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
      sdr += siSdrDb(deg[c].subarray(0, n), ref[c].subarray(0, n));
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
