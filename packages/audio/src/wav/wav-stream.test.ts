import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../audio-data.js';
import { AudioError } from '../errors.js';
import { noise } from '../testing/signals.js';
import { type ByteSink, type ByteSource, blobSource, bytesSource, fileHandleSink, fileHandleSource } from './byte-io.js';
import { decodeWav } from './decode.js';
import { encodeWav } from './encode.js';
import { decodeWavFrames } from './frames-read.js';
import { parseWavHeader } from './header-parse.js';
import { wavHeader } from './header-write.js';
import { WavReader } from './reader.js';
import { WavWriter } from './writer.js';

const dir = mkdtempSync(join(tmpdir(), 'vrvq-audio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stereo = { sampleRate: 24000, channels: [noise(10007, 0.8, 1), noise(10007, 0.8, 2)] };
const file = encodeWav(stereo, { bitDepth: 24 });
const whole = decodeWav(file);

function concat(blocks: AudioData[]): Float32Array[] {
  return whole.channels.map((_, c) => {
    const out = new Float32Array(blocks.reduce((n, b) => n + b.channels[c].length, 0));
    let at = 0;
    for (const b of blocks) {
      out.set(b.channels[c], at);
      at += b.channels[c].length;
    }
    return out;
  });
}

/** A source that records the largest single read, to check memory stays bounded by the window. */
function meteredSource(bytes: Uint8Array): ByteSource & { maxRead: number } {
  const s = { size: bytes.length, maxRead: 0, read: async (p: number, n: number) => bytes.subarray(p, p + n) };
  return {
    ...s,
    read: async (p, n) => {
      s.maxRead = Math.max(s.maxRead, n);
      return s.read(p, n);
    },
    get maxRead() {
      return s.maxRead;
    },
  };
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('windowed WAV reading', () => {
  it('parseWavHeader on a prefix + decodeWavFrames on a window equals the whole decode', () => {
    const h = parseWavHeader(file.subarray(0, 100), { fileSize: file.length });
    expect(h.frames).toBe(10007);
    const start = 4321;
    const count = 1000;
    const offset = h.dataOffset + start * h.blockAlign;
    const window = file.slice(offset, offset + count * h.blockAlign);
    const part = decodeWavFrames(window, h, start, count, offset);
    for (let c = 0; c < 2; c++) expect(part.channels[c]).toEqual(whole.channels[c].subarray(start, start + count));
  });

  it('WavReader over a random-access source reads blocks with bounded reads', async () => {
    const src = meteredSource(file);
    const reader = await WavReader.open(src);
    const blocks: AudioData[] = [];
    for await (const b of reader.blocks(1024)) blocks.push(b);
    expect(blocks.length).toBe(Math.ceil(10007 / 1024));
    const got = concat(blocks);
    for (let c = 0; c < 2; c++) expect(got[c]).toEqual(whole.channels[c]);
    expect(src.maxRead).toBeLessThanOrEqual(Math.max(64 * 1024, 1024 * 6)); // header probe or one block
    const mid = await reader.readAt(9000, 5000);
    expect(mid.channels[1]).toEqual(whole.channels[1].subarray(9000));
  });

  it('WavReader over an async iterable of odd-sized chunks gives the same samples', async () => {
    const reader = await WavReader.open(chunked(file, 777));
    const blocks: AudioData[] = [];
    for await (const b of reader.blocks(500)) blocks.push(b);
    const got = concat(blocks);
    for (let c = 0; c < 2; c++) expect(got[c]).toEqual(whole.channels[c]);
    await expect(reader.readAt(0, 1)).rejects.toThrow(AudioError);
  });

  it('WavReader reads a streamed header of unknown size to the end of the stream', async () => {
    const fmt = { sampleRate: 8000, channels: 1, bitDepth: 16, float: false } as const;
    const body = encodeWav({ sampleRate: 8000, channels: [noise(5000, 0.5, 9)] }).subarray(44);
    const streamed = new Uint8Array([...wavHeader(fmt), ...body]);
    const reader = await WavReader.open(chunked(streamed, 64));
    expect(reader.header.frames).toBe(Number.POSITIVE_INFINITY);
    const got = await reader.read(6000);
    expect(got.channels[0].length).toBe(5000);
    expect((await reader.read(10)).channels[0].length).toBe(0);
    const fromFile = await WavReader.open(bytesSource(streamed));
    expect(fromFile.header.frames).toBe(5000); // a sized source clamps to the file
  });

  it('WavReader over a Blob and empty or bad sources', async () => {
    const reader = await WavReader.open(blobSource(new Blob([file.slice()])));
    expect((await reader.readAt(10, 3)).channels[0]).toEqual(whole.channels[0].subarray(10, 13));
    await expect(WavReader.open(bytesSource(new Uint8Array(0)))).rejects.toMatchObject({ code: 'empty_input' });
    await expect(WavReader.open(chunked(new Uint8Array(0), 10))).rejects.toMatchObject({ code: 'empty_input' });
    await expect(WavReader.open(bytesSource(file.subarray(0, 30)))).rejects.toMatchObject({ code: 'truncated' });
    await expect(WavReader.open(chunked(new TextEncoder().encode('not audio'.repeat(100)), 16))).rejects.toMatchObject({
      code: 'unknown_format',
    });
  });

  it('finds data after a large metadata chunk (header larger than the first probe)', async () => {
    const big = encodeWav({ sampleRate: 8000, channels: [noise(50, 0.5, 3)] });
    const junk = new Uint8Array(100_008);
    new DataView(junk.buffer).setUint32(0, 0x4b4e554a, false); // 'JUNK'
    new DataView(junk.buffer).setUint32(4, 100_000, true);
    const withJunk = new Uint8Array([...big.subarray(0, 36), ...junk, ...big.subarray(36)]);
    const reader = await WavReader.open(bytesSource(withJunk));
    expect((await reader.read(100)).channels[0]).toEqual(decodeWav(big).channels[0]);
  });
});

describe('streaming WAV writing', () => {
  it('WavWriter to a file handle patches the header; the file equals encodeWav', async () => {
    for (const opts of [{ bitDepth: 16 as const }, { bitDepth: 24 as const }, { float: true }]) {
      const path = join(dir, `out-${opts.bitDepth ?? 'f'}.wav`);
      const mono = { sampleRate: 24000, channels: [stereo.channels[0].subarray(0, 3001)] };
      const fh = await open(path, 'w');
      const w = await WavWriter.create(fileHandleSink(fh), {
        sampleRate: 24000,
        channels: 1,
        bitDepth: opts.bitDepth ?? 32,
        float: opts.float ?? false,
      });
      for (let i = 0; i < 3001; i += 1000) await w.write([mono.channels[0].subarray(i, i + 1000)]);
      await w.close();
      await fh.close();
      expect(w.framesWritten).toBe(3001);
      expect(new Uint8Array(readFileSync(path))).toEqual(encodeWav(mono, opts));
    }
  });

  it('WavWriter to an append-only sink leaves "unknown size" that readers take as end of file', async () => {
    const parts: Uint8Array[] = [];
    const sink: ByteSink = { write: (b) => void parts.push(b.slice()) };
    const w = await WavWriter.create(sink, { sampleRate: 24000, channels: 2, bitDepth: 16, float: false });
    await w.write([stereo.channels[0].subarray(0, 500), stereo.channels[1].subarray(0, 500)]);
    await w.write([stereo.channels[0].subarray(500, 700), stereo.channels[1].subarray(500, 700)]);
    await w.close();
    await expect(w.write([new Float32Array(1), new Float32Array(1)])).rejects.toThrow(/after close/);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const back = decodeWav(bytes);
    expect(back.channels[1].length).toBe(700);
    const direct = decodeWav(encodeWav({ sampleRate: 24000, channels: stereo.channels.map((c) => c.subarray(0, 700)) }));
    expect(back.channels[1]).toEqual(direct.channels[1]);
  });

  it('round trip through real files: fileHandleSource reads what encodeWav wrote', async () => {
    const path = join(dir, 'in.wav');
    const fh0 = await open(path, 'w');
    await fileHandleSink(fh0).write(file);
    await fh0.close();
    const fh = await open(path, 'r');
    const reader = await WavReader.open(await fileHandleSource(fh));
    const a = await reader.readAt(100, 50);
    await fh.close();
    expect(a.channels[0]).toEqual(whole.channels[0].subarray(100, 150));
  });
});
