import { codeBitsOf } from '../format/header.js';
import { countBits } from '../frames.js';
import type { StreamHeader } from '../types.js';

/** What chunk payload coders need from the header. */
export interface CodingParams {
  nq: number;
  codeBits: number;
  channels: number;
  /** Constant count in CBR mode; 0 in VBR mode (counts are transmitted). */
  cbrN: number;
  /** Bits of a raw count field: ⌈log2 N_q⌉ in VBR mode, 0 in CBR mode. */
  countBits: number;
}

export function codingParams(h: StreamHeader): CodingParams {
  const cbrN = h.rate.mode === 'cbr' ? h.rate.n : 0;
  return {
    nq: h.nq,
    codeBits: codeBitsOf(h.codebookSize),
    channels: h.channels,
    cbrN,
    countBits: cbrN ? 0 : countBits(h.nq),
  };
}
