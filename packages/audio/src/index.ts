export type { AudioData } from './audio-data.js';
export { AudioError, type AudioErrorCode } from './errors.js';

export { decodeWav } from './wav/decode.js';
export { encodeWav, type EncodeWavOptions } from './wav/encode.js';
export type { WavHeader, WavSampleFormat, WavWriteFormat } from './wav/format.js';
export { parseWavHeader } from './wav/header-parse.js';
export { decodeWavFrames } from './wav/frames-read.js';
export { encodeWavFrames } from './wav/frames-write.js';
export { wavHeader, wavHeaderSize } from './wav/header-write.js';
export { WavReader } from './wav/reader.js';
export { WavWriter } from './wav/writer.js';
export {
  type ByteSink,
  type ByteSource,
  type ReadableFileHandle,
  type WritableFileHandle,
  blobSource,
  bytesSource,
  fileHandleSink,
  fileHandleSource,
} from './wav/byte-io.js';

export { decodeAudio } from './decode/decode-audio.js';
export { type AudioContainer, sniffContainer } from './decode/sniff.js';

export { resample, Resampler, type ResampleOptions } from './resample/resampler.js';
export type { ResampleQuality } from './resample/filter-bank.js';

export { toMono } from './mono.js';
export { loudnessLufs } from './loudness/lufs.js';

export { Fft, fftOfSize } from './dsp/fft.js';
export { siSdr } from './dsp/si-sdr.js';
