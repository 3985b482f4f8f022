import * as tf from '@tensorflow/tfjs-core';
import { ConstMatMul } from './const-matmul.js';
import { melFilterBankTransposed } from './mel-filters.js';
import { Stft, type StftPadding } from './stft.js';

export interface MelSpectrogramOptions {
  sampleRate: number;
  windowLength: number;
  nMels: number;
  /** Default windowLength / 4. */
  hopLength?: number;
  fmin?: number;
  /** Default Nyquist. */
  fmax?: number;
  padding?: StftPadding;
}

/**
 * Mel spectrogram as audiotools computes it: |STFT| (Hann, centred reflect padding) through the
 * Slaney mel filter bank, magnitude (not power). Holds the DFT basis and filter bank tensors.
 */
export class MelSpectrogram {
  readonly stft: Stft;
  readonly nMels: number;
  private readonly bank: ConstMatMul; // [K, nMels]

  constructor(opts: MelSpectrogramOptions) {
    this.stft = new Stft({ windowLength: opts.windowLength, hopLength: opts.hopLength, padding: opts.padding });
    this.nMels = opts.nMels;
    const fb = melFilterBankTransposed({
      sampleRate: opts.sampleRate,
      nFft: opts.windowLength,
      nMels: opts.nMels,
      fmin: opts.fmin,
      fmax: opts.fmax,
    });
    this.bank = new ConstMatMul(fb, this.stft.nBins, opts.nMels);
  }

  /** x: [B, N] or [B, N, 1] → [B, F, nMels]. */
  apply(x: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const mag = this.stft.magnitude(x); // [B, F, K]
      const [b, f, k] = mag.shape;
      const mel = this.bank.apply(tf.reshape(mag, [b * f, k]) as tf.Tensor2D); // [B·F, nMels]
      return tf.reshape(mel, [b, f, this.nMels]);
    });
  }

  dispose(): void {
    this.stft.dispose();
    this.bank.dispose();
  }
}
