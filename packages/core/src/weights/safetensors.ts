import { CoreError } from '../errors.js';

/** Element types we read and write. F16/BF16 (common in PyTorch exports) are read as float32. */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'I32' | 'I64' | 'U8';

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2, I32: 4, I64: 8, U8: 1 };

export interface NamedArray {
  name: string;
  shape: number[];
  /** Float32 for floating types, Int32 for integer types (I64 is narrowed, checked to fit). */
  data: Float32Array | Int32Array | Uint8Array;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  tensors: Map<string, NamedArray>;
}

/** Upper bound for the JSON header (the format's own reference implementation uses 100 MB). */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

/**
 * Serialises tensors in the safetensors layout: u64 little-endian header length, a JSON header
 * (`__metadata__` string map + per-tensor dtype/shape/data_offsets), then the raw little-endian data,
 * in the given order. Header padded with spaces to a multiple of 8 bytes.
 */
export function writeSafetensors(arrays: NamedArray[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  const seen = new Set<string>();
  for (const a of arrays) {
    if (seen.has(a.name)) throw new CoreError('BAD_WEIGHTS', `duplicate tensor name '${a.name}'`);
    seen.add(a.name);
    const dtype = a.data instanceof Float32Array ? 'F32' : a.data instanceof Int32Array ? 'I32' : 'U8';
    const count = a.shape.reduce((x, y) => x * y, 1);
    if (count !== a.data.length) {
      throw new CoreError('BAD_WEIGHTS', `tensor '${a.name}': shape [${a.shape}] does not match ${a.data.length} values`);
    }
    const size = count * BYTES[dtype];
    header[a.name] = { dtype, shape: a.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  let headerBytes = enc.encode(json);
  const pad = (8 - (headerBytes.length % 8)) % 8;
  if (pad) {
    json += ' '.repeat(pad);
    headerBytes = enc.encode(json);
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
    if (isLittleEndian()) out.set(bytes, pos);
    else writeSwapped(out, pos, a.data);
    pos += bytes.length;
  }
  return out;
}

/** Parses and validates a safetensors file. Every length is checked before anything is allocated. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  const bad = (msg: string): never => {
    throw new CoreError('BAD_WEIGHTS', `not a valid safetensors weights file: ${msg}`);
  };
  if (bytes.length < 8) bad(`only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > bytes.length) {
    bad(`header length ${headerLen} does not fit a ${bytes.length}-byte file`);
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch {
    return bad('header is not UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) bad('header is not a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const rawMeta = header.__metadata__;
  if (rawMeta !== undefined) {
    if (typeof rawMeta !== 'object' || rawMeta === null) bad('__metadata__ is not an object');
    for (const [k, v] of Object.entries(rawMeta as object)) {
      if (typeof v !== 'string') bad(`metadata '${k}' is not a string`);
      metadata[k] = v as string;
    }
  }
  const tensors = new Map<string, NamedArray>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== 'object' || t === null) bad(`entry '${name}' is not an object`);
    const dtype = t.dtype as SafetensorsDtype;
    if (!(typeof dtype === 'string' && dtype in BYTES)) bad(`tensor '${name}' has unsupported dtype ${JSON.stringify(t.dtype)}`);
    const shape = t.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) bad(`tensor '${name}' has a bad shape`);
    const offs = t.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isInteger(d) && d >= 0)) {
      bad(`tensor '${name}' has bad data_offsets`);
    }
    const [begin, end] = offs as number[];
    const count = (shape as number[]).reduce((x, y) => x * y, 1);
    if (end < begin || end > dataLen || end - begin !== count * BYTES[dtype]) {
      bad(`tensor '${name}' data [${begin}, ${end}) does not match its shape or the file size`);
    }
    tensors.set(name, { name, shape: shape as number[], data: decodeData(bytes, dataStart + begin, count, dtype, name) });
  }
  return { metadata, tensors };
}

function decodeData(bytes: Uint8Array, pos: number, count: number, dtype: SafetensorsDtype, name: string) {
  const view = new DataView(bytes.buffer, bytes.byteOffset + pos, count * BYTES[dtype]);
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const tmp = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        tmp.setUint32(0, view.getUint16(i * 2, true) << 16);
        out[i] = tmp.getFloat32(0);
      }
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const v = view.getBigInt64(i * 8, true);
        if (v > 2147483647n || v < -2147483648n) {
          throw new CoreError('BAD_WEIGHTS', `tensor '${name}' holds an int64 value that does not fit int32`);
        }
        out[i] = Number(v);
      }
      return out;
    }
    case 'U8':
      return bytes.slice(pos, pos + count);
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

function writeSwapped(out: Uint8Array, pos: number, data: Float32Array | Int32Array | Uint8Array): void {
  const view = new DataView(out.buffer, out.byteOffset + pos);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i], true);
    else if (data instanceof Int32Array) view.setInt32(i * 4, data[i], true);
    else view.setUint8(i, data[i]);
  }
}
