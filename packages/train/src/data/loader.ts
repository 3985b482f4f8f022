import { Rng } from '@vrvq/rvq';
import { TrainError } from '../errors.js';
import { rescaleAudio, shiftPhase, volumeNorm } from './augment.js';
import { type SalienceOptions, salientExcerpt } from './excerpt.js';
import { seedFor } from './seed.js';
import type { AudioSource } from './sources.js';

export interface AugmentOptions {
  /** RescaleAudio: scale down excerpts whose peak exceeds 1 (DAC/VRVQ: on). */
  rescale: boolean;
  /** ShiftPhase: rotate the phase by θ ~ U(−π, π) (VRVQ: on). */
  shiftPhase: boolean;
  /** VolumeNorm target in LUFS (DAC: −16; main VRVQ config: off = null). */
  volumeNormLufs: number | null;
}

export const DEFAULT_AUGMENT: AugmentOptions = { rescale: true, shiftPhase: false, volumeNormLufs: null };

export interface BatchLoaderOptions {
  /** One source per group; item g of the stream comes from group g mod groups.length. */
  groups: AudioSource[];
  sampleRate: number;
  batchSize: number;
  /** Excerpt length in samples. */
  samples: number;
  salience: SalienceOptions | null;
  augment: AugmentOptions;
  seed: number;
  /** Batches decoded ahead of the one being consumed (default 2). */
  prefetch?: number;
}

/** One batch: B excerpts laid out [B, N] in one array, plus where each came from. */
export interface Batch {
  index: number;
  audio: Float32Array;
  batchSize: number;
  samples: number;
  /** `${group}/${key}` of each item. */
  items: string[];
}

/**
 * The training stream. Batch i is a pure function of (seed, i): item j draws its group as
 * (i·B + j) mod nGroups (balanced sampling, as DAC), then a file, an excerpt and augmentations
 * from its own Rng seeded by (seed, i, j). The cursor (next batch index) is the whole resumable
 * state; prefetching ahead never changes what a batch contains.
 */
export class BatchLoader {
  private cursorIndex = 0;
  private readonly ahead = new Map<number, Promise<Batch>>();
  private readonly prefetch: number;

  constructor(private readonly opts: BatchLoaderOptions) {
    if (opts.groups.length === 0 || opts.groups.every((g) => g.size === 0)) {
      throw new TrainError('no-data', 'the training data has no audio items');
    }
    const empty = opts.groups.filter((g) => g.size === 0).map((g) => g.name);
    if (empty.length) throw new TrainError('no-data', `training group(s) without audio: ${empty.join(', ')}`);
    this.prefetch = Math.max(0, opts.prefetch ?? 2);
  }

  /** Index of the next batch `next()` returns. */
  get cursor(): number {
    return this.cursorIndex;
  }

  set cursor(i: number) {
    this.cursorIndex = i;
    for (const k of [...this.ahead.keys()]) if (k < i || k > i + this.prefetch) this.ahead.delete(k);
  }

  /** The next batch; keeps `prefetch` batches decoding in the background. */
  async next(): Promise<Batch> {
    const i = this.cursorIndex;
    const p = this.ahead.get(i) ?? this.batch(i);
    this.ahead.delete(i);
    this.cursorIndex = i + 1;
    for (let k = i + 1; k <= i + this.prefetch; k++) {
      if (!this.ahead.has(k)) {
        const q = this.batch(k);
        q.catch(() => {}); // surfaced when consumed
        this.ahead.set(k, q);
      }
    }
    return p;
  }

  /** Batch i, computed from scratch. */
  async batch(i: number): Promise<Batch> {
    const { batchSize: b, samples: n, groups } = this.opts;
    const audio = new Float32Array(b * n);
    const slots = this.groupSlots(i);
    const items = await Promise.all(
      Array.from({ length: b }, async (_, j) => {
        const rng = new Rng(seedFor(this.opts.seed, i, j));
        const group = groups[slots[j]];
        const k = rng.int(group.size);
        const x = await group.load(k);
        audio.set(this.item(x, rng), j * n);
        return `${group.name}/${group.key(k)}`;
      }),
    );
    return { index: i, audio, batchSize: b, samples: n, items };
  }

  /**
   * Group index of each batch position: balanced over the run (batch i takes groups
   * (i·B + j) mod G for j = 0…B−1, as before), but shuffled across the positions of the batch.
   * Training masks depend on the position (VBR: the last quarter uses all codebooks; CBR: the
   * first half gets quantizer dropout), so a fixed position → group map would train some groups
   * only with full codebooks and others never — with B = G = 4, speech would always be the
   * full-codebook item and never importance-masked.
   */
  groupSlots(i: number): number[] {
    const { batchSize: b, groups } = this.opts;
    const slots = Array.from({ length: b }, (_, j) => (i * b + j) % groups.length);
    const rng = new Rng(seedFor(this.opts.seed, i, 'slots'));
    for (let j = b - 1; j > 0; j--) {
      const k = rng.int(j + 1);
      [slots[j], slots[k]] = [slots[k], slots[j]];
    }
    return slots;
  }

  private item(x: Float32Array, rng: Rng): Float32Array {
    const { samples, sampleRate, salience, augment } = this.opts;
    let e = salientExcerpt(x, samples, sampleRate, rng, salience).audio;
    if (augment.volumeNormLufs !== null) volumeNorm(e, sampleRate, augment.volumeNormLufs);
    if (augment.rescale) rescaleAudio(e);
    if (augment.shiftPhase) e = shiftPhase(e, rng.uniform(-Math.PI, Math.PI));
    return e;
  }
}
