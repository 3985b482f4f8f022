/** File magic: ASCII "VRVQ". */
export const MAGIC = new Uint8Array([0x56, 0x52, 0x56, 0x51]);

/** Format version written by this implementation. Readers accept any minor of their major. */
export const FORMAT_VERSION = { major: 1, minor: 0 } as const;

/** Record types (first byte of every record after the header). Types ≥ 0x80 are ancillary. */
export const RECORD = {
  /** A chunk whose payload is bit-packed fixed-width fields ('R'). */
  rawChunk: 0x52,
  /** A chunk whose payload is range-coded ('A', arithmetic). */
  entropyChunk: 0x41,
  /** The end record ('E'). */
  end: 0x45,
} as const;

/** Record types with this bit set are ancillary: readers that do not know them skip them. */
export const ANCILLARY_BIT = 0x80;

/** Header flag bits. */
export const HEADER_FLAG = {
  /** 1 = CBR (no counts transmitted), 0 = VBR. */
  cbr: 0x01,
  /** 1 = chunks may be entropy-coded; 0 = every chunk is raw. */
  entropy: 0x02,
} as const;
