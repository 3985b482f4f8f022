import { AudioError } from '../errors.js';
import type { ByteSink } from './byte-io.js';
import type { WavWriteFormat } from './format.js';
import { encodeWavFrames } from './frames-write.js';
import { checkWriteFormat, UNKNOWN_SIZE, wavHeader, wavHeaderSize } from './header-write.js';

/**
 * Writes a WAV file block by block with memory bounded by the block size. The header goes out first
 * with sizes marked unknown (0xFFFFFFFF, read as "until end of file"); `close` appends the pad
 * byte an odd-sized data chunk needs and, when the sink supports `writeAt`, rewrites the header
 * with the real sizes.
 */
export class WavWriter {
  private frames = 0;
  private closed = false;

  private constructor(
    private readonly sink: ByteSink,
    readonly format: WavWriteFormat,
  ) {}

  static async create(sink: ByteSink, format: WavWriteFormat): Promise<WavWriter> {
    checkWriteFormat(format);
    const w = new WavWriter(sink, format);
    await sink.write(wavHeader(format));
    return w;
  }

  get framesWritten(): number {
    return this.frames;
  }

  /** Appends one block: one `Float32Array` per channel, all of the same length. */
  async write(channels: Float32Array[]): Promise<void> {
    if (this.closed) throw new AudioError('invalid_argument', 'WavWriter.write after close.');
    if (channels.length !== this.format.channels) {
      throw new AudioError('invalid_argument', `Expected ${this.format.channels} channels, got ${channels.length}.`);
    }
    const bytes = encodeWavFrames(channels, this.format, this.frames);
    const blockAlign = this.format.channels * (this.format.bitDepth / 8);
    if (wavHeaderSize(this.format) - 8 + (this.frames + channels[0].length) * blockAlign >= UNKNOWN_SIZE) {
      throw new AudioError('too_large', 'The output would exceed the 4 GiB limit of a RIFF WAV file; split it.');
    }
    await this.sink.write(bytes);
    this.frames += channels[0].length;
  }

  /** Finishes the file. Call once; further writes fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const dataBytes = this.frames * this.format.channels * (this.format.bitDepth / 8);
    if (dataBytes % 2 === 1) await this.sink.write(new Uint8Array(1));
    if (this.sink.writeAt) await this.sink.writeAt(0, wavHeader(this.format, this.frames));
  }
}
