import { requireArg } from './errors.js';
import { codeBitsOf } from './format/header.js';
import type { ChannelFrames, StreamHeader } from './types.js';

/** Bits of the per-frame count field: ⌈log2 N_q⌉ (0 when N_q = 1). */
export function countBits(nq: number): number {
  let b = 0;
  while (2 ** b < nq) b++;
  return b;
}

/**
 * The paper's bit count of a channel's frames: per frame ⌈log2 N_q⌉ bits of side information in
 * VBR mode (none in CBR mode or when N_q = 1) plus log2(codebookSize) bits per transmitted code.
 * This is exactly the payload a raw chunk carries, before byte padding.
 */
export function rawPayloadBits(counts: ArrayLike<number>, nq: number, codebookSize: number, mode: 'vbr' | 'cbr'): number {
  requireArg(Number.isInteger(nq) && nq >= 1, 'nq must be a positive integer');
  const codeBits = codeBitsOf(codebookSize);
  requireArg(codeBits > 0, 'codebookSize must be a power of two from 2 to 65536');
  requireArg(mode === 'vbr' || mode === 'cbr', 'mode must be "vbr" or "cbr"');
  const side = mode === 'vbr' ? countBits(nq) : 0;
  let levels = 0;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t];
    requireArg(Number.isInteger(n) && n >= 1 && n <= nq, `counts[${t}] = ${n} is outside 1..${nq}`);
    levels += n;
  }
  return counts.length * side + levels * codeBits;
}

/**
 * Packs dense codes `[N_q, T]` (row-major, level-major as rvq returns them) into the ragged layout
 * `[Σ n[t]]` of ChannelFrames: for each frame t, levels 0..n[t]−1.
 */
export function raggedFromDense(dense: ArrayLike<number>, counts: Uint8Array, nq: number): Int32Array {
  const T = counts.length;
  requireArg(dense.length === nq * T, `dense codes have ${dense.length} entries; expected nq·T = ${nq * T}`);
  let total = 0;
  for (let t = 0; t < T; t++) {
    requireArg(counts[t] >= 1 && counts[t] <= nq, `counts[${t}] = ${counts[t]} is outside 1..${nq}`);
    total += counts[t];
  }
  const out = new Int32Array(total); // [Σ n[t]]
  let j = 0;
  for (let t = 0; t < T; t++) for (let k = 0; k < counts[t]; k++) out[j++] = dense[k * T + t];
  return out;
}

/** Unpacks ragged codes `[Σ n[t]]` into dense `[N_q, T]` (row-major); dropped levels get `fill`. */
export function denseFromRagged(codes: Int32Array, counts: Uint8Array, nq: number, fill = -1): Int32Array {
  const T = counts.length;
  const out = new Int32Array(nq * T).fill(fill); // [N_q, T]
  let j = 0;
  for (let t = 0; t < T; t++) {
    const n = counts[t];
    requireArg(n >= 1 && n <= nq, `counts[${t}] = ${n} is outside 1..${nq}`);
    requireArg(j + n <= codes.length, `codes has ${codes.length} entries; counts need more`);
    for (let k = 0; k < n; k++) out[k * T + t] = codes[j++];
  }
  requireArg(j === codes.length, `codes has ${codes.length} entries; counts need ${j}`);
  return out;
}

/**
 * Checks a writer's input against the header: one ChannelFrames per channel, equal frame
 * counts, counts in 1..N_q (all equal to n in CBR mode), codes in range and exactly Σ n[t] of
 * them. Returns the number of frames T.
 */
export function validateFrames(header: StreamHeader, channels: ChannelFrames[]): number {
  requireArg(Array.isArray(channels), 'frames must be an array with one { counts, codes } per channel');
  requireArg(channels.length === header.channels, `got ${channels.length} channel(s); the header says ${header.channels}`);
  const T = channels[0]?.counts?.length;
  const cbrN = header.rate.mode === 'cbr' ? header.rate.n : 0;
  const size = header.codebookSize;
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c];
    requireArg(ch?.counts instanceof Uint8Array, `channel ${c}: counts must be a Uint8Array`);
    requireArg(ch.codes instanceof Int32Array, `channel ${c}: codes must be an Int32Array`);
    requireArg(ch.counts.length === T, `channel ${c} has ${ch.counts.length} frames; channel 0 has ${T}`);
    let total = 0;
    for (let t = 0; t < T; t++) {
      const n = ch.counts[t];
      requireArg(n >= 1 && n <= header.nq, `channel ${c}, frame ${t}: count ${n} is outside 1..${header.nq}`);
      requireArg(cbrN === 0 || n === cbrN, `channel ${c}, frame ${t}: count ${n} differs from the CBR count ${cbrN}`);
      total += n;
    }
    requireArg(ch.codes.length === total, `channel ${c}: codes has ${ch.codes.length} entries; its counts need ${total}`);
    for (let i = 0; i < total; i++) {
      const v = ch.codes[i];
      requireArg(v >= 0 && v < size, `channel ${c}: code ${v} at index ${i} is outside 0..${size - 1}`);
    }
  }
  return T;
}
