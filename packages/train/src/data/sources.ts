import { Rng } from '@vrvq/rvq';
import type { AudioStore } from './audio-store.js';
import { GENERATED_KINDS, type GeneratedKind, generateClip } from './generated.js';
import { seedFor } from './seed.js';

/** A group of training items: mono audio at the model rate, addressed by index. */
export interface AudioSource {
  readonly name: string;
  readonly size: number;
  /** A stable identifier of item i (a path, or a generated clip's recipe). */
  key(i: number): string;
  load(i: number): Promise<Float32Array>;
}

/** Audio files decoded through an `AudioStore` (cached, mono, resampled). */
export class FileSource implements AudioSource {
  constructor(
    readonly name: string,
    readonly files: readonly string[],
    private readonly store: AudioStore,
  ) {}

  get size(): number {
    return this.files.length;
  }

  key(i: number): string {
    return this.files[i];
  }

  load(i: number): Promise<Float32Array> {
    return this.store.load(this.files[i]);
  }
}

export interface GeneratedSourceOptions {
  name?: string;
  sampleRate: number;
  /** Number of distinct clips (default 256). */
  count?: number;
  /** Clip length in seconds (default 2). */
  clipSeconds?: number;
  kinds?: readonly GeneratedKind[];
  seed?: number;
}

/**
 * Synthetic audio (sines, chirps, noise bursts, silence, AM tones) for tests and smoke runs:
 * clip i has kind kinds[i mod kinds.length] and parameters drawn from a seed derived from i.
 */
export class GeneratedSource implements AudioSource {
  readonly name: string;
  readonly size: number;
  private readonly sampleRate: number;
  private readonly samples: number;
  private readonly kinds: readonly GeneratedKind[];
  private readonly seed: number;

  constructor(opts: GeneratedSourceOptions) {
    this.name = opts.name ?? 'generated';
    this.size = opts.count ?? 256;
    this.sampleRate = opts.sampleRate;
    this.samples = Math.round((opts.clipSeconds ?? 2) * opts.sampleRate);
    this.kinds = opts.kinds ?? GENERATED_KINDS;
    this.seed = opts.seed ?? 0;
  }

  key(i: number): string {
    return `generated:${this.seed}:${this.kinds[i % this.kinds.length]}:${i}`;
  }

  async load(i: number): Promise<Float32Array> {
    const kind = this.kinds[i % this.kinds.length];
    return generateClip(kind, this.samples, this.sampleRate, new Rng(seedFor('generated', this.seed, i)));
  }
}
