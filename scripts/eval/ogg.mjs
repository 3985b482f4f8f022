// Ogg page parser (RFC 3533) and Opus packet accounting (RFC 7845, RFC 6716 §3.1): what an Opus
// file costs without its container — the bytes of the audio packets only, with the two header
// packets (OpusHead, OpusTags) and all page overhead left out.
import { EvaluationError } from './errors.mjs';

const CRC_TABLE = (() => {
  // Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0, no final xor.
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

/** Ogg CRC-32 of `bytes` (the page with its CRC field zeroed). */
export function oggCrc(bytes) {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]) & 0xff]) >>> 0;
  return crc >>> 0;
}

/**
 * Splits an Ogg stream into pages, checking capture pattern, version, lengths and CRC.
 * @param {Uint8Array} bytes
 * @returns {{ offset: number, headerType: number, granule: bigint, serial: number, sequence: number,
 *   lacing: number[], headerSize: number, bodySize: number }[]}
 */
export function parseOggPages(bytes) {
  const pages = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 27 > bytes.length) throw new EvaluationError('bad_ogg', `Ogg data ends inside a page header at byte ${pos}.`);
    if (view.getUint32(pos, false) !== 0x4f676753) throw new EvaluationError('bad_ogg', `No Ogg capture pattern "OggS" at byte ${pos}.`);
    if (bytes[pos + 4] !== 0) throw new EvaluationError('bad_ogg', `Unsupported Ogg version ${bytes[pos + 4]} at byte ${pos}.`);
    const nSegments = bytes[pos + 26];
    const headerSize = 27 + nSegments;
    if (pos + headerSize > bytes.length) throw new EvaluationError('bad_ogg', `Ogg segment table cut off at byte ${pos}.`);
    const lacing = Array.from(bytes.subarray(pos + 27, pos + headerSize));
    const bodySize = lacing.reduce((a, b) => a + b, 0);
    if (pos + headerSize + bodySize > bytes.length) throw new EvaluationError('bad_ogg', `Ogg page at byte ${pos} is cut off.`);
    const page = bytes.slice(pos, pos + headerSize + bodySize);
    const stored = view.getUint32(pos + 22, true);
    page.fill(0, 22, 26);
    if (oggCrc(page) !== stored) throw new EvaluationError('bad_ogg', `Ogg page at byte ${pos} fails its CRC check.`);
    pages.push({
      offset: pos,
      headerType: bytes[pos + 5],
      granule: view.getBigInt64(pos + 6, true),
      serial: view.getUint32(pos + 14, true),
      sequence: view.getUint32(pos + 18, true),
      lacing,
      headerSize,
      bodySize,
    });
    pos += headerSize + bodySize;
  }
  return pages;
}

/**
 * The packets of the (single) logical stream in an Ogg file, reassembled across pages.
 * @param {Uint8Array} bytes
 * @returns {{ packets: Uint8Array[], pages: ReturnType<typeof parseOggPages>, lastGranule: bigint }}
 */
export function oggPackets(bytes) {
  const pages = parseOggPages(bytes);
  if (pages.length === 0) throw new EvaluationError('bad_ogg', 'The Ogg file holds no pages.');
  const serial = pages[0].serial;
  const packets = [];
  /** @type {Uint8Array[]} */
  let pending = [];
  for (const page of pages) {
    if (page.serial !== serial) throw new EvaluationError('bad_ogg', 'The Ogg file multiplexes several logical streams; expected one.');
    const continued = (page.headerType & 1) !== 0;
    if (continued !== pending.length > 0) {
      throw new EvaluationError('bad_ogg', `Ogg page ${page.sequence}: continuation flag does not match the previous page.`);
    }
    let p = page.offset + page.headerSize;
    for (const lace of page.lacing) {
      pending.push(bytes.subarray(p, p + lace));
      p += lace;
      if (lace < 255) {
        packets.push(concat(pending));
        pending = [];
      }
    }
  }
  if (pending.length > 0) throw new EvaluationError('bad_ogg', 'The last Ogg packet is unterminated.');
  return { packets, pages, lastGranule: pages[pages.length - 1].granule };
}

/** @param {Uint8Array[]} parts */
function concat(parts) {
  if (parts.length === 1) return parts[0].slice();
  const out = new Uint8Array(parts.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

const ascii = (b, n) => String.fromCharCode(...b.subarray(0, n));

/**
 * Duration of one Opus packet in 48 kHz samples, from its TOC byte (RFC 6716 §3.1).
 * @param {Uint8Array} packet
 */
export function opusPacketSamples(packet) {
  if (packet.length < 1) throw new EvaluationError('bad_ogg', 'Empty Opus packet.');
  const config = packet[0] >> 3;
  // 48 kHz samples per frame: SILK 10/20/40/60 ms, hybrid 10/20 ms, CELT 2.5/5/10/20 ms.
  const frame =
    config < 12 ? [480, 960, 1920, 2880][config % 4] : config < 16 ? [480, 960][config % 2] : [120, 240, 480, 960][config % 4];
  const code = packet[0] & 3;
  let frames = 1;
  if (code === 1 || code === 2) frames = 2;
  else if (code === 3) {
    if (packet.length < 2) throw new EvaluationError('bad_ogg', 'Opus code-3 packet without a frame count byte.');
    frames = packet[1] & 0x3f;
  }
  return frames * frame;
}

const MODES = ['SILK NB', 'SILK MB', 'SILK WB', 'hybrid SWB', 'hybrid FB', 'CELT NB', 'CELT WB', 'CELT SWB', 'CELT FB'];

/**
 * Coding mode and audio bandwidth of one Opus packet, from its TOC configuration number:
 * SILK NB/MB/WB (configs 0–11), hybrid SWB/FB (12–15), CELT NB/WB/SWB/FB (16–31).
 * @param {Uint8Array} packet
 */
export function opusPacketMode(packet) {
  const c = packet[0] >> 3;
  return MODES[c < 12 ? c >> 2 : c < 16 ? 3 + ((c - 12) >> 1) : 5 + ((c - 16) >> 2)];
}

/**
 * What an Ogg Opus file costs in audio packets.
 * @param {Uint8Array} bytes
 * @returns {{ payloadBytes: number, packets: number, containerBytes: number, headerBytes: number,
 *   preSkip: number, inputRate: number, channels: number, packetSamples48k: number, lastGranule: bigint,
 *   modes: Record<string, number> }} modes: packets per coding mode (see opusPacketMode)
 */
export function opusPayload(bytes) {
  const { packets, lastGranule } = oggPackets(bytes);
  if (packets.length < 2 || ascii(packets[0], 8) !== 'OpusHead' || ascii(packets[1], 8) !== 'OpusTags') {
    throw new EvaluationError('bad_ogg', 'Not an Ogg Opus file: the first two packets must be OpusHead and OpusTags.');
  }
  const head = packets[0];
  const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const audio = packets.slice(2);
  const payloadBytes = audio.reduce((a, p) => a + p.length, 0);
  /** @type {Record<string, number>} */
  const modes = {};
  for (const p of audio) modes[opusPacketMode(p)] = (modes[opusPacketMode(p)] ?? 0) + 1;
  return {
    payloadBytes,
    packets: audio.length,
    headerBytes: packets[0].length + packets[1].length,
    containerBytes: bytes.length - payloadBytes - packets[0].length - packets[1].length,
    preSkip: hv.getUint16(10, true),
    inputRate: hv.getUint32(12, true),
    channels: head[9],
    packetSamples48k: audio.reduce((a, p) => a + opusPacketSamples(p), 0),
    lastGranule,
    modes,
  };
}
