import { describe, expect, it } from 'vitest';
import { decodeFile, encodeFile, joinChunks } from './file.js';
import type { ReaderEvent } from './reader.js';
import { createDecoderStream, createEncoderStream, decodeStream, encodeStream } from './streams.js';
import { framesDiff, randomChannels, testHeader } from './testing/fixtures.js';
import { Prng } from './testing/prng.js';
import type { ChannelFrames } from './types.js';
import { concatBytes } from './writer.js';

function blocks(frames: ChannelFrames[], size: number): ChannelFrames[][] {
  const out: ChannelFrames[][] = [];
  const T = frames[0].counts.length;
  const cursor = frames.map(() => 0);
  for (let t = 0; t < T; t += size) {
    const to = Math.min(T, t + size);
    out.push(
      frames.map((ch, c) => {
        let n = 0;
        for (let i = t; i < to; i++) n += ch.counts[i];
        const block = { counts: ch.counts.slice(t, to), codes: ch.codes.slice(cursor[c], cursor[c] + n) };
        cursor[c] += n;
        return block;
      }),
    );
  }
  return out;
}

function byteStream(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let pos = 0;
  return new ReadableStream({
    pull(controller) {
      if (pos >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(pos, pos + piece));
        pos += piece;
      }
    },
  });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const rng = new Prng(71);
const header = testHeader({ channels: 2 });
const frames = randomChannels(rng, 2, { T: 900, nq: 8, codebookSize: 1024, kind: 'skewed' });
const reference = encodeFile(header, frames, { coding: 'entropy', framesPerChunk: 100 });

describe('async-iterable adapters', () => {
  it('encodeStream over blocks yields the same bytes as encodeFile', async () => {
    const out = await collect(encodeStream(header, blocks(frames, 37), { coding: 'entropy', framesPerChunk: 100 }));
    expect(concatBytes(out)).toEqual(reference);
  });

  it('decodeStream over a ReadableStream and an async generator yields the frames', async () => {
    async function* gen() {
      for (let i = 0; i < reference.length; i += 13) yield reference.slice(i, i + 13);
    }
    for (const source of [byteStream(reference, 61), gen()]) {
      const events = await collect(decodeStream(source));
      const chunks = events.flatMap((e) => (e.type === 'chunk' ? [e.chunk] : []));
      expect(framesDiff(joinChunks(2, chunks), frames)).toBeNull();
    }
  });

  it('decodeStream throws TRUNCATED when the source ends early', async () => {
    await expect(collect(decodeStream([reference.slice(0, reference.length - 3)]))).rejects.toMatchObject({ code: 'TRUNCATED' });
  });
});

describe('Web Streams TransformStreams', () => {
  it('frames → encoder → decoder → events round-trips through piped streams', async () => {
    const source = new ReadableStream<ChannelFrames[]>({
      start(controller) {
        for (const b of blocks(frames, 50)) controller.enqueue(b);
        controller.close();
      },
    });
    const bytes: Uint8Array[] = [];
    const events: ReaderEvent[] = [];
    const encoded = source.pipeThrough(createEncoderStream(header, { coding: 'entropy', framesPerChunk: 100 }));
    const [forBytes, forDecode] = encoded.tee();
    await Promise.all([
      forBytes.pipeTo(new WritableStream({ write: (b) => void bytes.push(b) })),
      forDecode.pipeThrough(createDecoderStream()).pipeTo(new WritableStream({ write: (e) => void events.push(e) })),
    ]);
    expect(concatBytes(bytes)).toEqual(reference);
    const chunks = events.flatMap((e) => (e.type === 'chunk' ? [e.chunk] : []));
    expect(framesDiff(joinChunks(2, chunks), decodeFile(reference).channels)).toBeNull();
    expect(events[events.length - 1].type).toBe('end');
  });

  it('the decoder stream errors on damaged input', async () => {
    const damaged = reference.slice();
    damaged[200] ^= 0x40;
    const done = byteStream(damaged, 64)
      .pipeThrough(createDecoderStream())
      .pipeTo(new WritableStream());
    await expect(done).rejects.toMatchObject({ code: 'CRC_MISMATCH' });
  });
});
