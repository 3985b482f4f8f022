import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import type { ByteSource } from './byte-io.js';
import type { WavHeader } from './format.js';
import { decodeWavFrames } from './frames-read.js';
import { parseWavHeader } from './header-parse.js';

/** Headers (with LIST/bext/JUNK chunks before the data) larger than this are refused. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const FIRST_HEADER_READ = 64 * 1024;

function isSource(x: ByteSource | AsyncIterable<Uint8Array>): x is ByteSource {
  return typeof (x as ByteSource).read === 'function' && typeof (x as ByteSource).size === 'number';
}

/** Sequential byte queue over an async iterable of chunks; holds only bytes not yet consumed. */
class ChunkQueue {
  private readonly it: AsyncIterator<Uint8Array>;
  private buf = new Uint8Array(0);
  private done = false;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  get buffered(): Uint8Array {
    return this.buf;
  }

  get ended(): boolean {
    return this.done;
  }

  /** Pulls chunks until at least `n` bytes are buffered or the stream ends. */
  async fill(n: number): Promise<void> {
    const parts: Uint8Array[] = [this.buf];
    let have = this.buf.length;
    while (have < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        parts.push(r.value);
        have += r.value.length;
      }
    }
    if (parts.length > 1) {
      const joined = new Uint8Array(have);
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      this.buf = joined;
    }
  }

  /** Removes and returns the first `n` buffered bytes (fewer at the end of the stream). */
  take(n: number): Uint8Array {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

/**
 * Reads a WAV file window by window with memory bounded by the window size, from a random-access
 * `ByteSource` (a file handle, a Blob: `read`, `readAt` and `blocks` all work) or a sequential
 * async iterable of byte chunks (a Node/web stream: `read` and `blocks` only).
 *
 * For a stream, `header.frames` is what the header declares (Infinity when it says "unknown");
 * reading then simply stops where the stream ends.
 */
export class WavReader {
  /** The next frame `read` returns. */
  position = 0;

  private constructor(
    readonly header: WavHeader,
    private readonly source: ByteSource | undefined,
    private readonly queue: ChunkQueue | undefined,
  ) {}

  static async open(input: ByteSource | AsyncIterable<Uint8Array>): Promise<WavReader> {
    if (isSource(input)) {
      if (input.size === 0) throw new AudioError('empty_input', 'The input is empty (0 bytes).');
      let want = FIRST_HEADER_READ;
      for (;;) {
        const prefix = await input.read(0, Math.min(want, input.size));
        try {
          return new WavReader(parseWavHeader(prefix, { fileSize: input.size }), input, undefined);
        } catch (e) {
          if (!(e instanceof AudioError) || e.code !== 'truncated' || prefix.length >= input.size) throw e;
          if (want >= MAX_HEADER_BYTES) throw new AudioError('too_large', `WAV header chunks exceed ${MAX_HEADER_BYTES} bytes.`);
          want *= 4;
        }
      }
    }
    const queue = new ChunkQueue(input);
    let want = 4096;
    for (;;) {
      await queue.fill(want);
      const prefix = queue.buffered;
      if (prefix.length === 0) throw new AudioError('empty_input', 'The input stream is empty (0 bytes).');
      try {
        const header = parseWavHeader(prefix, { fileSize: queue.ended ? prefix.length : Number.POSITIVE_INFINITY });
        queue.take(header.dataOffset);
        return new WavReader(header, undefined, queue);
      } catch (e) {
        if (!(e instanceof AudioError) || e.code !== 'truncated' || queue.ended) throw e;
        if (want >= MAX_HEADER_BYTES) throw new AudioError('too_large', `WAV header chunks exceed ${MAX_HEADER_BYTES} bytes.`);
        want *= 4;
      }
    }
  }

  get sampleRate(): number {
    return this.header.sampleRate;
  }

  /** Reads `frameCount` frames at `startFrame` (random-access sources only); fewer at the end. */
  async readAt(startFrame: number, frameCount: number): Promise<AudioData> {
    if (!this.source) throw new AudioError('invalid_argument', 'readAt needs a random-access source; this reader reads a stream.');
    const h = this.header;
    if (!Number.isInteger(startFrame) || startFrame < 0 || !Number.isInteger(frameCount) || frameCount < 0) {
      throw new AudioError('invalid_argument', `Frame range must be non-negative integers (got start ${startFrame}, count ${frameCount}).`);
    }
    const n = Math.max(0, Math.min(frameCount, h.frames - startFrame));
    const offset = h.dataOffset + startFrame * h.blockAlign;
    const bytes = n > 0 ? await this.source.read(offset, n * h.blockAlign) : new Uint8Array(0);
    const whole = Math.floor(bytes.length / h.blockAlign); // a file shrinking under us yields fewer
    return decodeWavFrames(bytes, h, startFrame, whole, offset);
  }

  /** Reads the next `frameCount` frames; returns fewer at the end of the data and zero after it. */
  async read(frameCount: number): Promise<AudioData> {
    if (!Number.isInteger(frameCount) || frameCount < 0) {
      throw new AudioError('invalid_argument', `Frame count must be a non-negative integer, got ${frameCount}.`);
    }
    if (this.source) {
      const out = await this.readAt(this.position, frameCount);
      this.position += out.channels[0].length;
      return out;
    }
    const h = this.header;
    const queue = this.queue!;
    const n = Math.max(0, Math.min(frameCount, h.frames - this.position));
    await queue.fill(n * h.blockAlign);
    const whole = Math.min(n, Math.floor(queue.buffered.length / h.blockAlign));
    const bytes = queue.take(whole * h.blockAlign);
    const out = decodeWavFrames(bytes, { ...h, dataOffset: 0, frames: whole }, 0, whole);
    this.position += whole;
    return out;
  }

  /** Yields consecutive blocks of `blockFrames` frames (the last may be shorter) from the current position. */
  async *blocks(blockFrames: number): AsyncGenerator<AudioData> {
    if (!Number.isInteger(blockFrames) || blockFrames < 1) {
      throw new AudioError('invalid_argument', `Block size must be a positive integer, got ${blockFrames}.`);
    }
    for (;;) {
      const block = await this.read(blockFrames);
      if (block.channels[0].length === 0) return;
      yield block;
    }
  }
}
