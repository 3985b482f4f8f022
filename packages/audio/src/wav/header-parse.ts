import { AudioError } from '../errors.js';
import {
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  SUBFORMAT_GUID_TAIL,
  WAVE_FORMAT_ALAW,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_MULAW,
  WAVE_FORMAT_PCM,
  type WavHeader,
  type WavSampleFormat,
} from './format.js';

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

/** Reads a 64-bit little-endian size as a Number (exact below 2^53, which any real file is). */
function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

interface FmtFields {
  format: WavSampleFormat;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitDepth: number;
  validBits: number;
  channelMask: number;
}

function formatName(tag: number): string {
  const known: Record<number, string> = { 2: 'MS ADPCM', 17: 'IMA ADPCM', 49: 'GSM 6.10', 85: 'MPEG layer 3' };
  return known[tag] ? `${known[tag]} (tag 0x${tag.toString(16)})` : `format tag 0x${tag.toString(16)}`;
}

function parseFmt(view: DataView, b: Uint8Array, at: number, size: number): FmtFields {
  if (size < 16) throw new AudioError('invalid_header', `WAV fmt chunk is ${size} bytes; at least 16 are required.`);
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  let validBits = bitsPerSample;
  let channelMask = 0;
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new AudioError('invalid_header', `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; 40 are required.`);
    validBits = view.getUint16(at + 18, true) || bitsPerSample;
    channelMask = view.getUint32(at + 20, true);
    tag = view.getUint32(at + 24, true);
    for (let i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
      if (b[at + 28 + i] !== SUBFORMAT_GUID_TAIL[i]) {
        throw new AudioError('unsupported_format', 'WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID is not supported.');
      }
    }
  }
  if (channels === 0) throw new AudioError('invalid_header', 'WAV header declares zero channels.');
  if (channels > MAX_CHANNELS) throw new AudioError('too_large', `WAV header declares ${channels} channels (at most ${MAX_CHANNELS} are read).`);
  if (sampleRate === 0 || sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioError('invalid_header', `WAV header declares an impossible sample rate of ${sampleRate} Hz.`);
  }
  if (blockAlign === 0 || blockAlign % channels !== 0) {
    throw new AudioError('invalid_header', `WAV block align ${blockAlign} is not a multiple of the ${channels} channels.`);
  }
  const containerBytes = blockAlign / channels;
  const bitDepth = containerBytes * 8;
  let format: WavSampleFormat;
  if (tag === WAVE_FORMAT_PCM) {
    format = 'pcm';
    if (containerBytes > 4) throw new AudioError('unsupported_format', `${bitDepth}-bit integer PCM WAV is not supported (8–32 bits are).`);
  } else if (tag === WAVE_FORMAT_IEEE_FLOAT) {
    format = 'float';
    if (containerBytes !== 4 && containerBytes !== 8) {
      throw new AudioError('unsupported_format', `${bitDepth}-bit float WAV is not supported (32 and 64 bits are).`);
    }
  } else if (tag === WAVE_FORMAT_ALAW || tag === WAVE_FORMAT_MULAW) {
    format = tag === WAVE_FORMAT_ALAW ? 'alaw' : 'mulaw';
    if (containerBytes !== 1) throw new AudioError('invalid_header', `G.711 WAV must have 8-bit samples, not ${bitDepth}.`);
  } else {
    throw new AudioError('unsupported_format', `WAV with ${formatName(tag)} is not supported; convert it to PCM or float first.`);
  }
  if (bitsPerSample > bitDepth || bitsPerSample <= bitDepth - 8 || validBits > bitDepth || validBits === 0) {
    throw new AudioError(
      'invalid_header',
      `WAV header is inconsistent: ${bitsPerSample} bits per sample (${validBits} valid) in ${containerBytes}-byte containers.`,
    );
  }
  return { format, channels, sampleRate, blockAlign, bitDepth, validBits, channelMask };
}

/**
 * Parses a WAV (RIFF/WAVE, RF64 or BW64) header: walks the chunks, skipping unknown ones (odd-sized
 * chunks are followed by one pad byte), until both `fmt ` and `data` have been seen.
 *
 * `bytes` may be the whole file or only its beginning: pass `fileSize` when it is a prefix, so the
 * data size can be checked against the real file. A data size larger than the file (a truncated
 * recording) or the streaming placeholder 0xFFFFFFFF is clamped to what the file holds, rounded down
 * to whole frames. Throws `AudioError` ('truncated') when the prefix ends inside the header.
 */
export function parseWavHeader(bytes: Uint8Array, opts: { fileSize?: number } = {}): WavHeader {
  const fileSize = opts.fileSize ?? bytes.length;
  if (bytes.length === 0) throw new AudioError('empty_input', 'The input is empty (0 bytes).');
  if (bytes.length < 12) throw new AudioError('truncated', `The input is only ${bytes.length} bytes; a WAV header needs at least 44.`);
  const magic = fourcc(bytes, 0);
  if ((magic !== 'RIFF' && magic !== 'RF64' && magic !== 'BW64') || fourcc(bytes, 8) !== 'WAVE') {
    if (magic === 'RIFX') throw new AudioError('unsupported_format', 'Big-endian WAV (RIFX) is not supported.');
    throw new AudioError('unknown_format', 'The input is not a WAV file (no RIFF/WAVE signature).');
  }
  const container = magic as WavHeader['container'];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: FmtFields | undefined;
  let dataOffset = -1;
  let declaredData = 0;
  let ds64Data: number | undefined;
  let pos = 12;
  while (fmt === undefined || dataOffset < 0) {
    if (pos + 8 > bytes.length) {
      if (bytes.length >= fileSize) {
        throw new AudioError('truncated', fmt ? 'The WAV file ends before its data chunk.' : 'The WAV file ends before its fmt chunk.');
      }
      throw new AudioError('truncated', `The WAV header continues past the ${bytes.length} bytes given.`);
    }
    const id = fourcc(bytes, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'data') {
      dataOffset = body;
      declaredData = size === 0xffffffff && ds64Data !== undefined ? ds64Data : size;
      if (size === 0xffffffff && ds64Data === undefined) declaredData = Number.POSITIVE_INFINITY;
      if (fmt !== undefined) break;
      if (!Number.isFinite(declaredData)) throw new AudioError('invalid_header', 'WAV data chunk of unknown size precedes the fmt chunk.');
      pos = body + declaredData + (declaredData % 2);
      continue;
    }
    if (id === 'fmt ' || id === 'ds64') {
      if (body + size > bytes.length) {
        throw new AudioError('truncated', `The WAV ${id.trim()} chunk is cut off (${size} bytes declared).`);
      }
      if (id === 'fmt ') fmt = parseFmt(view, bytes, body, size);
      else if (size >= 16) ds64Data = u64(view, body + 8);
    }
    pos = body + size + (size % 2);
  }
  const available = Math.max(0, fileSize - dataOffset);
  const rawBytes = Math.min(declaredData, available);
  const frames = Math.floor(rawBytes / fmt.blockAlign);
  return {
    format: fmt.format,
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    bitDepth: fmt.bitDepth,
    validBits: fmt.validBits,
    blockAlign: fmt.blockAlign,
    dataOffset,
    dataBytes: frames * fmt.blockAlign,
    frames,
    channelMask: fmt.channelMask,
    container,
  };
}
