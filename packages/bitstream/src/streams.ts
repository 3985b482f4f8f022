import { type ReaderEvent, type ReaderOptions, VrvqReader } from './reader.js';
import type { ChannelFrames, HeaderInput } from './types.js';
import { VrvqWriter, type WriterOptions } from './writer.js';

/** A source of byte pieces: a Web ReadableStream, an async iterable (Node streams) or an iterable. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

async function* pieces<T>(source: ReadableStream<T> | AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  if (typeof (source as ReadableStream<T>).getReader === 'function') {
    const reader = (source as ReadableStream<T>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    yield* source as AsyncIterable<T>;
  }
}

/**
 * Decodes a byte source incrementally: yields the header, each chunk as soon as its last byte
 * has arrived, and the end; throws BitstreamError (TRUNCATED when the source ends early).
 */
export async function* decodeStream(source: ByteSource, opts: ReaderOptions = {}): AsyncGenerator<ReaderEvent> {
  const reader = new VrvqReader(opts);
  for await (const bytes of pieces(source)) {
    for (const e of reader.push(bytes)) yield e;
  }
  reader.end();
}

/** Encodes a source of frame blocks (one ChannelFrames per channel each); yields bytes as chunks complete. */
export async function* encodeStream(
  header: HeaderInput,
  frames: ReadableStream<ChannelFrames[]> | AsyncIterable<ChannelFrames[]> | Iterable<ChannelFrames[]>,
  opts: WriterOptions & { originalLength?: number } = {},
): AsyncGenerator<Uint8Array> {
  const writer = new VrvqWriter(header, opts);
  for await (const block of pieces(frames)) {
    const bytes = writer.writeFrames(block);
    if (bytes.length > 0) yield bytes;
  }
  yield writer.finish(opts.originalLength === undefined ? {} : { originalLength: opts.originalLength });
}

/** A Web Streams TransformStream from bytes to reader events. */
export function createDecoderStream(opts: ReaderOptions = {}): TransformStream<Uint8Array, ReaderEvent> {
  const reader = new VrvqReader(opts);
  return new TransformStream<Uint8Array, ReaderEvent>({
    transform(bytes, controller) {
      for (const e of reader.push(bytes)) controller.enqueue(e);
    },
    flush() {
      reader.end();
    },
  });
}

/** A Web Streams TransformStream from frame blocks to `.vrvq` bytes. */
export function createEncoderStream(
  header: HeaderInput,
  opts: WriterOptions & { originalLength?: number } = {},
): TransformStream<ChannelFrames[], Uint8Array> {
  const writer = new VrvqWriter(header, opts);
  return new TransformStream<ChannelFrames[], Uint8Array>({
    transform(block, controller) {
      const bytes = writer.writeFrames(block);
      if (bytes.length > 0) controller.enqueue(bytes);
    },
    flush(controller) {
      controller.enqueue(writer.finish(opts.originalLength === undefined ? {} : { originalLength: opts.originalLength }));
    },
  });
}
