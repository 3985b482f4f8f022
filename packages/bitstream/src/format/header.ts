import { BitstreamError, requireArg } from '../errors.js';
import { ByteReader, peekVarint } from '../io/byte-reader.js';
import { ByteWriter } from '../io/byte-writer.js';
import type { Coding, HeaderInput, StreamHeader, TlvEntry } from '../types.js';
import { FORMAT_VERSION, HEADER_FLAG, MAGIC } from './constants.js';
import { crc32 } from './crc32.js';
import { LIMITS } from './limits.js';
import { utf8Decode, utf8Encode } from './utf8.js';

const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** log2 of a power of two in [2, 2^16], or -1. */
export function codeBitsOf(codebookSize: number): number {
  for (let b = 1; b <= LIMITS.maxCodeBits; b++) if (codebookSize === 2 ** b) return b;
  return -1;
}

/** Validates a writer's header input and resolves defaults (float fields rounded to float32). */
export function resolveHeader(input: HeaderInput, coding: Coding): StreamHeader {
  requireArg(typeof input === 'object' && input !== null, 'header must be an object');
  requireArg(typeof input.modelName === 'string', 'header.modelName must be a string');
  const name = utf8Encode(input.modelName);
  requireArg(name !== null, 'header.modelName contains an unpaired surrogate');
  requireArg(name.length <= LIMITS.maxNameBytes, `header.modelName is ${name.length} UTF-8 bytes; at most ${LIMITS.maxNameBytes}`);
  const hash = input.weightsHash ?? new Uint8Array(0);
  requireArg(hash instanceof Uint8Array, 'header.weightsHash must be a Uint8Array');
  requireArg(hash.length <= LIMITS.maxHashBytes, `header.weightsHash is ${hash.length} bytes; at most ${LIMITS.maxHashBytes}`);
  requireArg(isInt(input.sampleRate, 1, LIMITS.maxSampleRate), `header.sampleRate must be an integer in 1..${LIMITS.maxSampleRate}`);
  requireArg(isInt(input.hop, 1, LIMITS.maxHop), `header.hop must be an integer in 1..${LIMITS.maxHop}`);
  requireArg(isInt(input.nq, 1, LIMITS.maxNq), `header.nq must be an integer in 1..${LIMITS.maxNq}`);
  requireArg(codeBitsOf(input.codebookSize) > 0, 'header.codebookSize must be a power of two from 2 to 65536');
  requireArg(isInt(input.channels, 1, LIMITS.maxChannels), `header.channels must be an integer in 1..${LIMITS.maxChannels}`);
  const originalSampleRate = input.originalSampleRate ?? input.sampleRate;
  requireArg(isInt(originalSampleRate, 1, LIMITS.maxSampleRate), `header.originalSampleRate must be an integer in 1..${LIMITS.maxSampleRate}`);
  const originalLength = input.originalLength;
  requireArg(
    originalLength === null || isInt(originalLength, 0, LIMITS.maxOriginalLength - 1),
    `header.originalLength must be null or an integer in 0..${LIMITS.maxOriginalLength - 1}`,
  );
  const rate = input.rate;
  requireArg(typeof rate === 'object' && rate !== null, 'header.rate must be { mode: "vbr", level } or { mode: "cbr", n }');
  let resolvedRate: StreamHeader['rate'];
  if (rate.mode === 'vbr') {
    const level = Math.fround(rate.level);
    requireArg(Number.isFinite(level) && level > 0, 'header.rate.level must be a finite number > 0 (as float32)');
    resolvedRate = { mode: 'vbr', level };
  } else {
    requireArg(rate.mode === 'cbr', 'header.rate.mode must be "vbr" or "cbr"');
    requireArg(isInt(rate.n, 1, input.nq), `header.rate.n must be an integer in 1..nq (${input.nq})`);
    resolvedRate = { mode: 'cbr', n: rate.n };
  }
  const inputGainDb = Math.fround(input.inputGainDb ?? 0);
  requireArg(Number.isFinite(inputGainDb), 'header.inputGainDb must be finite (as float32)');
  const metadata = input.metadata ?? [];
  requireArg(Array.isArray(metadata), 'header.metadata must be an array of { tag, value }');
  for (const e of metadata) {
    requireArg(isInt(e?.tag, 0, LIMITS.maxTlvTag), `metadata tag must be an integer in 0..${LIMITS.maxTlvTag}`);
    requireArg(e.value instanceof Uint8Array, 'metadata value must be a Uint8Array');
  }
  const tlvBytes = tlvSize(metadata);
  requireArg(tlvBytes <= LIMITS.maxTlvBytes, `metadata takes ${tlvBytes} bytes; at most ${LIMITS.maxTlvBytes}`);
  requireArg(coding === 'raw' || coding === 'entropy', 'coding must be "raw" or "entropy"');
  return {
    version: { ...FORMAT_VERSION },
    modelName: input.modelName,
    weightsHash: hash.slice(),
    sampleRate: input.sampleRate,
    hop: input.hop,
    nq: input.nq,
    codebookSize: input.codebookSize,
    channels: input.channels,
    originalSampleRate,
    originalLength,
    rate: resolvedRate,
    inputGainDb,
    metadata: metadata.map((e) => ({ tag: e.tag, value: e.value.slice() })),
    coding,
  };
}

function tlvSize(metadata: TlvEntry[]): number {
  const w = new ByteWriter();
  writeTlv(w, metadata);
  return w.length;
}

function writeTlv(w: ByteWriter, metadata: TlvEntry[]): void {
  for (const e of metadata) {
    w.varint(e.tag);
    w.varint(e.value.length);
    w.bytes(e.value);
  }
}

/** The header bytes of a resolved header: magic, version, body length, body, CRC-32. */
export function writeHeader(h: StreamHeader): Uint8Array {
  const body = new ByteWriter(64);
  body.u8((h.rate.mode === 'cbr' ? HEADER_FLAG.cbr : 0) | (h.coding === 'entropy' ? HEADER_FLAG.entropy : 0));
  body.u8(h.nq);
  body.u8(codeBitsOf(h.codebookSize));
  body.u8(h.channels);
  body.varint(h.sampleRate);
  body.varint(h.hop);
  body.varint(h.originalSampleRate);
  body.varint(h.originalLength === null ? 0 : h.originalLength + 1);
  if (h.rate.mode === 'vbr') body.f32le(h.rate.level);
  else body.u8(h.rate.n);
  body.f32le(h.inputGainDb);
  const name = utf8Encode(h.modelName)!;
  body.u8(name.length);
  body.bytes(name);
  body.u8(h.weightsHash.length);
  body.bytes(h.weightsHash);
  writeTlv(body, h.metadata);

  const w = new ByteWriter(body.length + 16);
  w.bytes(MAGIC);
  w.u8(h.version.major);
  w.u8(h.version.minor);
  w.varint(body.length);
  w.bytes(body.view());
  w.u32le(crc32(w.view()));
  return w.toBytes();
}

/**
 * Parses a header at `bytes[start, end)` whose first byte is stream offset `base + start`.
 * Returns 'incomplete' when more bytes are needed; throws BitstreamError as soon as the bytes
 * seen so far cannot start a valid header.
 */
export function readHeader(
  bytes: Uint8Array,
  start: number,
  end: number,
  base: number,
): { header: StreamHeader; size: number } | 'incomplete' {
  const avail = end - start;
  for (let i = 0; i < Math.min(avail, MAGIC.length); i++) {
    if (bytes[start + i] !== MAGIC[i]) {
      throw new BitstreamError('BAD_MAGIC', 'not a .vrvq stream (the first 4 bytes must be "VRVQ")', base + start + i);
    }
  }
  if (avail < 6) return 'incomplete';
  const major = bytes[start + 4];
  const minor = bytes[start + 5];
  if (major !== FORMAT_VERSION.major) {
    throw new BitstreamError(
      'UNSUPPORTED_VERSION',
      `format version ${major}.${minor} is not supported (this decoder reads ${FORMAT_VERSION.major}.x)`,
      base + start + 4,
    );
  }
  const lenAt = base + start + 6;
  const len = peekVarint(bytes, start + 6, end, LIMITS.maxHeaderBody, 'header body length', 'LIMIT_EXCEEDED', lenAt);
  if (len === 'incomplete') return 'incomplete';
  const bodyStart = start + 6 + len.size;
  const bodyEnd = bodyStart + len.value;
  const size = bodyEnd + 4 - start;
  if (avail < size) return 'incomplete';
  const stored = (bytes[bodyEnd] | (bytes[bodyEnd + 1] << 8) | (bytes[bodyEnd + 2] << 16) | (bytes[bodyEnd + 3] << 24)) >>> 0;
  const actual = crc32(bytes, start, bodyEnd);
  if (stored !== actual) {
    throw new BitstreamError('CRC_MISMATCH', `header CRC-32 mismatch (stored ${hex(stored)}, computed ${hex(actual)})`, base + bodyEnd);
  }
  const header = parseHeaderBody(new ByteReader(bytes, bodyStart, bodyEnd, base, 'HEADER_INVALID', 'header body'), major, minor);
  return { header, size };
}

function parseHeaderBody(r: ByteReader, major: number, minor: number): StreamHeader {
  const bad = (msg: string, at: number): never => {
    throw new BitstreamError('HEADER_INVALID', msg, at);
  };
  let at = r.offset;
  const flags = r.u8('flags');
  if (flags & ~(HEADER_FLAG.cbr | HEADER_FLAG.entropy)) bad(`reserved header flag bits are set (flags 0x${flags.toString(16)})`, at);
  at = r.offset;
  const nq = r.u8('nq');
  if (nq < 1 || nq > LIMITS.maxNq) bad(`nq is ${nq}; must be 1..${LIMITS.maxNq}`, at);
  at = r.offset;
  const codeBits = r.u8('code bits');
  if (codeBits < 1 || codeBits > LIMITS.maxCodeBits) bad(`bits per code is ${codeBits}; must be 1..${LIMITS.maxCodeBits}`, at);
  at = r.offset;
  const channels = r.u8('channels');
  if (channels < 1 || channels > LIMITS.maxChannels) bad(`channels is ${channels}; must be 1..${LIMITS.maxChannels}`, at);
  at = r.offset;
  const sampleRate = r.varint('sample rate', LIMITS.maxSampleRate);
  if (sampleRate < 1) bad('sample rate is 0', at);
  at = r.offset;
  const hop = r.varint('hop', LIMITS.maxHop);
  if (hop < 1) bad('hop is 0', at);
  at = r.offset;
  const originalSampleRate = r.varint('original sample rate', LIMITS.maxSampleRate);
  if (originalSampleRate < 1) bad('original sample rate is 0', at);
  const lenPlusOne = r.varint('original length', LIMITS.maxOriginalLength);
  const originalLength = lenPlusOne === 0 ? null : lenPlusOne - 1;
  let rate: StreamHeader['rate'];
  at = r.offset;
  if (flags & HEADER_FLAG.cbr) {
    const n = r.u8('CBR level count');
    if (n < 1 || n > nq) bad(`CBR level count is ${n}; must be 1..nq (${nq})`, at);
    rate = { mode: 'cbr', n };
  } else {
    const level = r.f32le('VBR level');
    if (!(Number.isFinite(level) && level > 0)) bad(`VBR level is ${level}; must be finite and > 0`, at);
    rate = { mode: 'vbr', level };
  }
  at = r.offset;
  const inputGainDb = r.f32le('input gain');
  if (!Number.isFinite(inputGainDb)) bad(`input gain is ${inputGainDb}; must be finite`, at);
  const nameLen = r.u8('model name length');
  at = r.offset;
  const modelName = utf8Decode(r.view(nameLen, 'model name'));
  if (modelName === null) bad('model name is not valid UTF-8', at);
  at = r.offset;
  const hashLen = r.u8('weights hash length');
  if (hashLen > LIMITS.maxHashBytes) bad(`weights hash length is ${hashLen}; at most ${LIMITS.maxHashBytes}`, at);
  const weightsHash = r.view(hashLen, 'weights hash').slice();
  at = r.offset;
  if (r.remaining > LIMITS.maxTlvBytes) {
    throw new BitstreamError('LIMIT_EXCEEDED', `TLV area is ${r.remaining} bytes; at most ${LIMITS.maxTlvBytes}`, at);
  }
  const metadata: TlvEntry[] = [];
  while (r.remaining > 0) {
    const tag = r.varint('TLV tag', LIMITS.maxTlvTag);
    const len = r.varint('TLV length', r.remaining, 'HEADER_INVALID');
    metadata.push({ tag, value: r.view(len, 'TLV value').slice() });
  }
  return {
    version: { major, minor },
    modelName: modelName as string,
    weightsHash,
    sampleRate,
    hop,
    nq,
    codebookSize: 2 ** codeBits,
    channels,
    originalSampleRate,
    originalLength,
    rate,
    inputGainDb,
    metadata,
    coding: flags & HEADER_FLAG.entropy ? 'entropy' : 'raw',
  };
}

export function hex(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
