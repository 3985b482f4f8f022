import * as tf from '@tensorflow/tfjs-core';
import { TrainError } from '../errors.js';
import { ConstMatMul } from './const-matmul.js';
import { windowedDftBasis } from './dft-basis.js';
import { frameSignal } from './frames.js';
import { complexMagnitude } from './magnitude.js';
import { rdftAvailable, rdftFrames } from './rdft-op.js';

/**
 * 'center': torch.stft(center=True) with reflect padding of win/2 on both sides
 * (1 + ⌊N/hop⌋ frames). 'match-stride': audiotools' match_stride: reflect-pad (win−hop)/2 left and
 * (win−hop)/2 + right pad to a hop multiple, then the centred STFT, then drop 2 frames at each end
 * (⌈N/hop⌉ frames, aligned like a strided conv).
 */
export type StftPadding = 'center' | 'match-stride';

export interface StftOptions {
  windowLength: number;
  /** Default windowLength / 4. Must divide windowLength. */
  hopLength?: number;
  padding?: StftPadding;
}

export interface ComplexSpectrogram {
  re: tf.Tensor3D; // [B, F, K]
  im: tf.Tensor3D; // [B, F, K]
}

/**
 * A short-time Fourier transform with a Hann window, computed as framing + a windowed real DFT
 * of the frames, so it differentiates and runs on every backend (tfjs has no FFT gradient and
 * wasm no FFT): on cpu/wasm with power-of-two windows by FFT loop kernels (forward and adjoint),
 * elsewhere as one rank-2 matMul against a fixed basis (created on first use). Call `dispose()`
 * when done.
 */
export class Stft {
  readonly windowLength: number;
  readonly hopLength: number;
  readonly padding: StftPadding;
  /** Number of frequency bins, windowLength/2 + 1. */
  readonly nBins: number;
  private basis: ConstMatMul | null = null; // [win, 2K], for backends without the FFT kernels

  constructor(opts: StftOptions) {
    const win = opts.windowLength;
    const hop = opts.hopLength ?? Math.floor(win / 4);
    if (!Number.isInteger(win) || win < 2) throw new TrainError('bad-argument', `STFT window length must be an integer ≥ 2, got ${win}`);
    if (!Number.isInteger(hop) || hop < 1 || win % hop !== 0) {
      throw new TrainError('bad-argument', `STFT hop ${hop} must be a positive divisor of the window length ${win}`);
    }
    this.padding = opts.padding ?? 'center';
    if (this.padding === 'match-stride' && hop * 4 !== win) {
      throw new TrainError('bad-argument', `match-stride padding needs hop = window/4, got window ${win}, hop ${hop}`);
    }
    this.windowLength = win;
    this.hopLength = hop;
    this.nBins = Math.floor(win / 2) + 1;
  }

  /** Frames produced for a signal of n samples. */
  numFrames(n: number): number {
    return this.padding === 'center' ? 1 + Math.floor(n / this.hopLength) : Math.ceil(n / this.hopLength);
  }

  /** x: [B, N] or [B, N, 1] → real and imaginary parts, each [B, F, K]. */
  complex(x: tf.Tensor): ComplexSpectrogram {
    const out = tf.tidy(() => {
      const spec = this.spectrum(x); // [B, F, 2K]
      const [b, f] = spec.shape;
      const k = this.nBins;
      return [tf.slice(spec, [0, 0, 0], [b, f, k]), tf.slice(spec, [0, 0, k], [b, f, k])] as tf.Tensor3D[];
    });
    return { re: out[0], im: out[1] };
  }

  /** x: [B, N] or [B, N, 1] → |STFT| [B, F, K]. */
  magnitude(x: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const { re, im } = this.complex(x);
      return complexMagnitude(re, im) as tf.Tensor3D;
    });
  }

  dispose(): void {
    this.basis?.dispose();
    this.basis = null;
  }

  /** frames [R, win] → windowed DFT [R, 2K]. */
  private dft(frames: tf.Tensor2D): tf.Tensor2D {
    if (rdftAvailable(this.windowLength)) return rdftFrames(frames);
    if (this.basis === null) {
      const m = new ConstMatMul(windowedDftBasis(this.windowLength), this.windowLength, 2 * this.nBins);
      tf.keep(m.w); // created inside the caller's tidy, owned by this Stft
      tf.keep(m.wT);
      this.basis = m;
    }
    return this.basis.apply(frames);
  }

  /** [B, F, 2K]: real parts then imaginary parts along the last axis. */
  private spectrum(x: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const x2 = toBatchTime(x); // [B, N]
      const [b, n] = x2.shape;
      const win = this.windowLength;
      const hop = this.hopLength;
      let padded: tf.Tensor2D;
      let first: number;
      if (this.padding === 'center') {
        padded = reflectPad(x2, win / 2, win / 2); // [B, N + win]
        first = 0;
      } else {
        const right = Math.ceil(n / hop) * hop - n;
        const p = (win - hop) / 2;
        const inner = reflectPad(x2, p, p + right); // [B, N']
        padded = reflectPad(inner, win / 2, win / 2); // [B, N' + win]
        first = 2;
      }
      const count = this.numFrames(n);
      const frames = frameSignal(padded, win, hop, first, count); // [B, F, win]
      const flat = tf.reshape(frames, [b * count, win]) as tf.Tensor2D; // [B·F, win]
      const spec = this.dft(flat); // [B·F, 2K]
      return tf.reshape(spec, [b, count, 2 * this.nBins]);
    });
  }
}

/** [B, N] or [B, N, 1] → [B, N]. */
export function toBatchTime(x: tf.Tensor): tf.Tensor2D {
  if (x.rank === 2) return x as tf.Tensor2D;
  if (x.rank === 3 && x.shape[2] === 1) return tf.reshape(x, [x.shape[0] as number, x.shape[1] as number]);
  throw new TrainError('bad-shape', `expected audio [B, N] or [B, N, 1], got [${x.shape.join(', ')}]`);
}

/**
 * PyTorch `F.pad(x, (left, right), 'reflect')` on [B, N]; needs left, right < N. Built from
 * slices, reverses and a concat because tfjs 4.22's MirrorPad gradient drops the reflected
 * samples' contributions (it only slices dy).
 */
export function reflectPad(x: tf.Tensor2D, left: number, right: number): tf.Tensor2D {
  const [b, n] = x.shape;
  if (left >= n || right >= n) {
    throw new TrainError('bad-shape', `reflect padding (${left}, ${right}) needs a longer signal than ${n} samples`);
  }
  return tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    if (left > 0) parts.push(tf.reverse(tf.slice(x, [0, 1], [b, left]), 1)); // [B, left]
    parts.push(x);
    if (right > 0) parts.push(tf.reverse(tf.slice(x, [0, n - 1 - right], [b, right]), 1)); // [B, right]
    return parts.length === 1 ? x.clone() : tf.concat(parts, 1); // [B, left + N + right]
  });
}
