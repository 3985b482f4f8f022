import { BitstreamError, type BitstreamErrorCode } from '../errors.js';
import { encodeFile } from '../file.js';
import { MAGIC, RECORD } from '../format/constants.js';
import { crc32 } from '../format/crc32.js';
import { ByteWriter } from '../io/byte-writer.js';
import { decodeFile } from '../file.js';
import { VrvqReader } from '../reader.js';
import { randomChannels, testHeader } from './fixtures.js';
import type { Prng } from './prng.js';

/** Every code a decoder may raise (INVALID_ARGUMENT and INVALID_STATE are API misuse, not data errors). */
export const DECODER_CODES: ReadonlySet<BitstreamErrorCode> = new Set<BitstreamErrorCode>([
  'BAD_MAGIC',
  'UNSUPPORTED_VERSION',
  'TRUNCATED',
  'CRC_MISMATCH',
  'HEADER_INVALID',
  'LIMIT_EXCEEDED',
  'UNKNOWN_RECORD',
  'CHUNK_INVALID',
  'ENTROPY_CORRUPT',
  'END_INVALID',
  'TRAILING_DATA',
]);

/** A small valid stream with a random configuration (the fuzzer's seed corpus). */
export function seedFile(rng: Prng): Uint8Array {
  const nq = rng.pick([1, 2, 3, 8, 9, 16]);
  const channels = rng.int(1, 3);
  const codebookSize = 2 ** rng.pick([1, 4, 10, 13]);
  const cbr = rng.float() < 0.3;
  const cbrN = cbr ? rng.int(1, nq) : 0;
  const T = rng.int(1, 60);
  const kind = rng.pick(['uniform', 'skewed', 'extreme'] as const);
  const header = testHeader({
    nq,
    channels,
    codebookSize,
    rate: cbr ? { mode: 'cbr', n: cbrN } : { mode: 'vbr', level: rng.float() * 4 + 0.1 },
    originalLength: rng.float() < 0.3 ? null : rng.int(0, 1e6),
    metadata: rng.float() < 0.3 ? [{ tag: rng.int(0, 1000), value: new Uint8Array(rng.int(0, 5)) }] : [],
  });
  const frames = randomChannels(rng, channels, { T, nq, codebookSize, cbrN, kind });
  return encodeFile(header, frames, { coding: rng.float() < 0.6 ? 'entropy' : 'raw', framesPerChunk: rng.int(1, 24) });
}

interface Span {
  kind: 'header' | 'record';
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

/** Locates the header and records of a (valid or lightly damaged) stream, as far as they parse. */
export function spans(bytes: Uint8Array): Span[] {
  const out: Span[] = [];
  const varint = (pos: number): [number, number] | null => {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8 && pos + i < bytes.length; i++) {
      v += (bytes[pos + i] & 0x7f) * scale;
      if ((bytes[pos + i] & 0x80) === 0) return [v, i + 1];
      scale *= 128;
    }
    return null;
  };
  const h = varint(6);
  if (!h || bytes.length < 6) return out;
  let pos = 6 + h[1] + h[0];
  if (pos + 4 > bytes.length) return out;
  out.push({ kind: 'header', start: 0, bodyStart: 6 + h[1], bodyEnd: pos });
  pos += 4;
  while (pos < bytes.length) {
    const l = varint(pos + 1);
    if (!l) break;
    const bodyStart = pos + 1 + l[1];
    const bodyEnd = bodyStart + l[0];
    if (bodyEnd + 4 > bytes.length) break;
    out.push({ kind: 'record', start: pos, bodyStart, bodyEnd });
    pos = bodyEnd + 4;
  }
  return out;
}

/** Recomputes every CRC that the structure lets us find, so mutations reach the deeper checks. */
export function fixCrcs(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (const s of spans(out)) {
    const c = crc32(out, s.start, s.bodyEnd);
    out[s.bodyEnd] = c & 0xff;
    out[s.bodyEnd + 1] = (c >>> 8) & 0xff;
    out[s.bodyEnd + 2] = (c >>> 16) & 0xff;
    out[s.bodyEnd + 3] = (c >>> 24) & 0xff;
  }
  return out;
}

const EXTREMES = [0, 1, 2, 0x7f, 0x80, 0xff, 2 ** 16, 2 ** 21, 2 ** 24, 2 ** 32 - 1, 2 ** 40, 2 ** 48 - 1, 2 ** 53 - 1];

function varintBytes(v: number): Uint8Array {
  const w = new ByteWriter(8);
  w.varint(v);
  return w.toBytes();
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** A header with arbitrary (unvalidated) field values, correctly framed and CRC-protected. */
export function forgedHeader(rng: Prng): Uint8Array {
  const body = new ByteWriter(64);
  const pickU8 = () => rng.pick([0, 1, 2, 3, 8, 16, 17, 32, 63, 64, 65, 127, 128, 255, rng.int(0, 255)]);
  const pickBig = () => (rng.float() < 0.5 ? rng.pick(EXTREMES) : rng.int(0, 100_000));
  body.u8(rng.float() < 0.7 ? rng.int(0, 3) : pickU8());
  body.u8(pickU8());
  body.u8(pickU8());
  body.u8(pickU8());
  for (let i = 0; i < 4; i++) body.bytes(varintBytes(pickBig()));
  const f = rng.pick([0, 1, -1, 1e-45, 3.4e38, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, rng.float() * 10]);
  if (rng.float() < 0.5) body.f32le(f);
  else body.u8(pickU8());
  body.f32le(rng.pick([0, Number.NaN, Number.POSITIVE_INFINITY, -1e30, rng.float()]));
  const nameLen = pickU8();
  body.u8(nameLen);
  const name = new Uint8Array(rng.int(0, Math.min(nameLen + 2, 300))).map(() => (rng.float() < 0.9 ? rng.int(0x20, 0x7e) : rng.int(0x80, 0xff)));
  body.bytes(name);
  const hashLen = pickU8();
  body.u8(hashLen);
  body.bytes(new Uint8Array(rng.int(0, Math.min(hashLen + 2, 300))));
  const tlvs = rng.int(0, 3);
  for (let i = 0; i < tlvs; i++) {
    body.bytes(varintBytes(pickBig()));
    const len = rng.float() < 0.5 ? rng.int(0, 8) : pickBig();
    body.bytes(varintBytes(len));
    body.bytes(new Uint8Array(Math.min(len, rng.int(0, 16))));
  }
  const w = new ByteWriter(body.length + 16);
  w.bytes(MAGIC);
  w.u8(rng.float() < 0.9 ? 1 : pickU8());
  w.u8(rng.float() < 0.8 ? 0 : pickU8());
  w.varint(rng.float() < 0.95 ? body.length : rng.pick(EXTREMES));
  w.bytes(body.view());
  w.u32le(crc32(w.view()));
  return w.toBytes();
}

/** A record with a chosen type and body, correctly framed. */
function record(type: number, body: Uint8Array): Uint8Array {
  const w = new ByteWriter(body.length + 16);
  w.u8(type);
  w.varint(body.length);
  w.bytes(body);
  w.u32le(crc32(w.view()));
  return w.toBytes();
}

export type MutationKind =
  | 'truncate'
  | 'bitflip'
  | 'bitflip+crc'
  | 'random-bytes'
  | 'random-bytes+crc'
  | 'insert'
  | 'delete'
  | 'duplicate-record'
  | 'swap-records'
  | 'forged-header'
  | 'forged-record'
  | 'chunk-frames-extreme'
  | 'length-extreme'
  | 'garbage';

/** One mutation of a valid stream. */
export function mutate(valid: Uint8Array, rng: Prng): { bytes: Uint8Array; kind: MutationKind } {
  const kind = rng.pick<MutationKind>([
    'truncate',
    'bitflip',
    'bitflip+crc',
    'bitflip+crc',
    'random-bytes',
    'random-bytes+crc',
    'random-bytes+crc',
    'insert',
    'delete',
    'duplicate-record',
    'swap-records',
    'forged-header',
    'forged-header',
    'forged-record',
    'forged-record',
    'chunk-frames-extreme',
    'length-extreme',
    'garbage',
  ]);
  const n = valid.length;
  const recs = spans(valid).filter((s) => s.kind === 'record');
  const headerEnd = recs.length > 0 ? recs[0].start : n;
  switch (kind) {
    case 'truncate':
      return { kind, bytes: valid.slice(0, rng.int(0, n - 1)) };
    case 'bitflip':
    case 'bitflip+crc': {
      const out = valid.slice();
      const flips = rng.int(1, 8);
      for (let i = 0; i < flips; i++) {
        const bit = rng.int(0, n * 8 - 1);
        out[bit >>> 3] ^= 1 << (bit & 7);
      }
      return { kind, bytes: kind === 'bitflip' ? out : fixCrcs(out) };
    }
    case 'random-bytes':
    case 'random-bytes+crc': {
      const out = valid.slice();
      const count = rng.int(1, 6);
      for (let i = 0; i < count; i++) out[rng.int(0, n - 1)] = rng.pick([0, 0xff, 0x80, 0x7f, rng.int(0, 255)]);
      return { kind, bytes: kind === 'random-bytes' ? out : fixCrcs(out) };
    }
    case 'insert': {
      const ins = new Uint8Array(rng.int(1, 16)).map(() => rng.int(0, 255));
      return { kind, bytes: fixCrcs(splice(valid, rng.int(0, n), 0, ins)) };
    }
    case 'delete': {
      const at = rng.int(0, n - 1);
      return { kind, bytes: fixCrcs(splice(valid, at, rng.int(1, Math.min(16, n - at)), new Uint8Array(0))) };
    }
    case 'duplicate-record':
    case 'swap-records': {
      if (recs.length < 2) return { kind: 'truncate', bytes: valid.slice(0, rng.int(0, n - 1)) };
      const a = rng.pick(recs);
      const aBytes = valid.slice(a.start, a.bodyEnd + 4);
      if (kind === 'duplicate-record') return { kind, bytes: splice(valid, rng.pick(recs).start, 0, aBytes) };
      const b = rng.pick(recs.filter((r) => r !== a));
      const [x, y] = a.start < b.start ? [a, b] : [b, a];
      const xb = valid.slice(x.start, x.bodyEnd + 4);
      const yb = valid.slice(y.start, y.bodyEnd + 4);
      const swapped = splice(splice(valid, y.start, yb.length, xb), x.start, xb.length, yb);
      return { kind, bytes: swapped };
    }
    case 'forged-header':
      return { kind, bytes: splice(valid, 0, headerEnd, forgedHeader(rng)) };
    case 'forged-record': {
      const type = rng.pick([RECORD.rawChunk, RECORD.entropyChunk, RECORD.end, 0x00, 0x7f, 0x80, 0xff, rng.int(0, 255)]);
      const body = new ByteWriter(64);
      body.bytes(varintBytes(rng.float() < 0.5 ? rng.pick(EXTREMES) : rng.int(0, 300)));
      if (rng.float() < 0.5) body.bytes(varintBytes(rng.pick(EXTREMES)));
      const junk = rng.int(0, 64);
      for (let i = 0; i < junk; i++) body.u8(rng.pick([0, 0xff, rng.int(0, 255)]));
      const at = rng.pick([headerEnd, ...recs.map((r) => r.start), n]);
      return { kind, bytes: splice(valid, at, 0, record(type, body.view())) };
    }
    case 'chunk-frames-extreme': {
      const chunks = recs.filter((r) => valid[r.start] === RECORD.rawChunk || valid[r.start] === RECORD.entropyChunk);
      if (chunks.length === 0) return { kind: 'truncate', bytes: valid.slice(0, rng.int(0, n - 1)) };
      const c = rng.pick(chunks);
      let fSize = 1;
      while (valid[c.bodyStart + fSize - 1] & 0x80) fSize++;
      const body = splice(valid.slice(c.bodyStart, c.bodyEnd), 0, fSize, varintBytes(rng.pick([0, 1, 2, 255, 4096, 65_536, 65_537, 2 ** 21, 2 ** 40])));
      return { kind, bytes: splice(valid, c.start, c.bodyEnd + 4 - c.start, record(valid[c.start], body)) };
    }
    case 'length-extreme': {
      const target = rng.pick([{ start: 0, lenAt: 6 }, ...recs.map((r) => ({ start: r.start, lenAt: r.start + 1 }))]);
      let size = 1;
      while (valid[target.lenAt + size - 1] & 0x80) size++;
      return { kind, bytes: splice(valid, target.lenAt, size, varintBytes(rng.pick(EXTREMES))) };
    }
    default: {
      const len = rng.int(0, 200);
      const out = new Uint8Array(len).map(() => rng.int(0, 255));
      if (rng.float() < 0.5 && len >= 6) {
        out.set(MAGIC);
        out[4] = 1;
      }
      return { kind: 'garbage', bytes: out };
    }
  }
}

export interface FuzzOutcome {
  ok: boolean;
  code?: BitstreamErrorCode;
  /** Set when something other than a BitstreamError with a decoder code escaped. */
  crash?: unknown;
}

/** Decodes `bytes` whole, and (when `splitRng` is given) with a reader fed random splits; both must agree. */
export function tryDecode(bytes: Uint8Array, splitRng?: Prng): FuzzOutcome {
  const whole = classify(() => decodeFile(bytes));
  if (whole.crash || !splitRng) return whole;
  const split = classify(() => {
    const reader = new VrvqReader({ maxTotalCodes: 2 ** 25 });
    let pos = 0;
    while (pos < bytes.length) {
      const step = splitRng.int(1, 64);
      reader.push(bytes.subarray(pos, pos + step));
      pos += step;
    }
    reader.end();
  });
  if (split.crash) return split;
  if (split.ok !== whole.ok) return { ok: false, crash: new Error(`whole decode ${whole.ok ? 'succeeded' : whole.code} but split decode ${split.ok ? 'succeeded' : split.code}`) };
  return whole;
}

function classify(f: () => unknown): FuzzOutcome {
  try {
    f();
    return { ok: true };
  } catch (e) {
    if (e instanceof BitstreamError && DECODER_CODES.has(e.code)) return { ok: false, code: e.code };
    return { ok: false, crash: e };
  }
}
