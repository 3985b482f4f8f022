import { readFile } from 'node:fs/promises';
import { decodeAudio, resample, toMono } from '@vrvq/audio';
import { TrainError } from '../errors.js';
import { LruCache } from './lru-cache.js';

/**
 * Loads audio files as mono Float32Arrays at the model rate: async read, decode (WAV, FLAC, Ogg,
 * MP3 via `@vrvq/audio`), channel mix-down, resampling. Decoded files stay in an LRU cache bounded
 * in megabytes; concurrent requests for one file share one decode.
 */
export class AudioStore {
  private readonly cache: LruCache<string, Float32Array>;
  private readonly pending = new Map<string, Promise<Float32Array>>();

  constructor(
    readonly sampleRate: number,
    cacheMb = 512,
    private readonly read: (path: string) => Promise<Uint8Array> = (p) => readFile(p),
  ) {
    this.cache = new LruCache(cacheMb * 1024 * 1024, (a) => a.byteLength);
  }

  /** Bytes currently cached. */
  get cachedBytes(): number {
    return this.cache.size;
  }

  load(path: string): Promise<Float32Array> {
    const hit = this.cache.get(path);
    if (hit) return Promise.resolve(hit);
    const inflight = this.pending.get(path);
    if (inflight) return inflight;
    const p = this.decode(path).finally(() => this.pending.delete(path));
    this.pending.set(path, p);
    return p;
  }

  private async decode(path: string): Promise<Float32Array> {
    let audio: Float32Array;
    try {
      const bytes = await this.read(path);
      const decoded = await decodeAudio(bytes, path);
      const mono = toMono(decoded);
      audio = decoded.sampleRate === this.sampleRate ? mono : resample(mono, decoded.sampleRate, this.sampleRate);
    } catch (e) {
      throw new TrainError('decode-failed', `could not load training audio '${path}': ${(e as Error).message}`);
    }
    this.cache.set(path, audio);
    return audio;
  }
}
