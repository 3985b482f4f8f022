export { BitstreamError, type BitstreamErrorCode } from './errors.js';
export type { ChannelFrames, Coding, HeaderInput, RateMode, StreamHeader, TlvEntry } from './types.js';
export { TLV_TAGS } from './types.js';
export { MAGIC, FORMAT_VERSION, RECORD } from './format/constants.js';
export { LIMITS, DEFAULT_FRAMES_PER_CHUNK, maxFramesPerChunkFor } from './format/limits.js';
export { crc32 } from './format/crc32.js';
export { countBits, rawPayloadBits, raggedFromDense, denseFromRagged } from './frames.js';
export { VrvqWriter, type WriterOptions, type WriterStats } from './writer.js';
export { VrvqReader, type DecodedChunk, type ReaderEvent, type ReaderOptions } from './reader.js';
export { encodeFile, decodeFile, DEFAULT_MAX_TOTAL_CODES, type DecodedFile } from './file.js';
export { decodeStream, encodeStream, createDecoderStream, createEncoderStream, type ByteSource } from './streams.js';
export { ENTROPY_PARAMS } from './coding/entropy.js';

export const VERSION = '0.1.0';
