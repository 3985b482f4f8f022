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

/**
 * Audio files decoded through an `AudioStore` (cached, mono, resampled). A file that cannot be
 * read or decoded (deleted, corrupt) is reported once and replaced by the next readable file of
 * the group, so one bad file cannot stop a long run; only a group with no readable file fails.
 */
export class FileSource implements AudioSource {
  /** Files that failed to load, with the reason. */
  readonly failed = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly files: readonly string[],
    private readonly store: AudioStore,
    private readonly warn: (message: string) => void = (m) => process.emitWarning(m),
  ) {}

  get size(): number {
    return this.files.length;
  }

  key(i: number): string {
    return this.files[i];
  }

  async load(i: number): Promise<Float32Array> {
    let lastError: unknown;
    for (let k = 0; k < this.files.length; k++) {
      const path = this.files[(i + k) % this.files.length];
      if (this.failed.has(path)) continue;
      try {
        return await this.store.load(path);
      } catch (e) {
        lastError = e;
        this.failed.set(path, (e as Error).message);
        this.warn(`skipping unreadable training file (${(e as Error).message})`);
      }
    }
    throw lastError ?? new Error(`group '${this.name}' has no readable audio file`);
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
