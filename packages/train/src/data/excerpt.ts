import { loudnessLufs } from '@vrvq/audio';
import type { Rng } from '@vrvq/rvq';

export interface SalienceOptions {
  /** An excerpt is salient when its integrated loudness exceeds this (DAC/VRVQ: −40 LUFS). */
  minLufs: number;
  /** Draws before the last one is kept anyway (DAC: 8). */
  maxDraws: number;
  /**
   * Share of excerpts taken as first drawn, without the loudness test, so quiet and silent
   * passages stay represented (VBR saves most there; DAC/VRVQ use 0).
   */
  keepQuietShare: number;
}

export const DEFAULT_SALIENCE: SalienceOptions = { minLufs: -40, maxDraws: 8, keepQuietShare: 0.1 };

/** A random excerpt of `samples` samples from x (zero-padded at the end when x is shorter). */
export function randomExcerpt(x: Float32Array, samples: number, rng: Rng): Float32Array {
  const out = new Float32Array(samples);
  if (x.length <= samples) {
    out.set(x);
    return out;
  }
  const offset = rng.int(x.length - samples + 1);
  out.set(x.subarray(offset, offset + samples));
  return out;
}

/**
 * audiotools `salient_excerpt`: draw random excerpts until one is louder than `minLufs`, at most
 * `maxDraws` times (then the last draw is kept). With probability `keepQuietShare` the first
 * draw is kept without a test. Uses `rng` only, so it is reproducible.
 */
export function salientExcerpt(
  x: Float32Array,
  samples: number,
  sampleRate: number,
  rng: Rng,
  opts: SalienceOptions | null,
): { audio: Float32Array; draws: number; loud: boolean | null } {
  const skip = opts === null || rng.next() < opts.keepQuietShare;
  let audio = randomExcerpt(x, samples, rng);
  if (skip) return { audio, draws: 1, loud: null };
  let draws = 1;
  for (;;) {
    const loud = loudnessLufs(audio, sampleRate) > opts.minLufs;
    if (loud || draws >= opts.maxDraws) return { audio, draws, loud };
    audio = randomExcerpt(x, samples, rng);
    draws++;
  }
}
