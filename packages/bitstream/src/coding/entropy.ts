import type { ChannelFrames } from '../types.js';
import { log2Table } from './log2.js';
import { type AdaptiveModel, SmallModel, TreeModel } from './models.js';
import type { CodingParams } from './params.js';
import { RangeDecoder, RangeEncoder } from './range-coder.js';

/**
 * Entropy payload (format version 1). Models are reset at every chunk, so chunks decode alone.
 *
 *   choices (2 direct bits each): countChoice (VBR with N_q > 1 only), then codeChoice[k] for
 *     k < N_q. Choice 0 = no model (uniform); 1, 2, 3 = adaptive model with increment
 *     INCREMENTS[choice].
 *   for each frame t, for each channel c:
 *     count n (VBR with N_q > 1 only): symbol n−1, with the count model of context prev[c]
 *       (prev[c] = channel c's previous count in this chunk, 0 at the chunk's first frame),
 *       or uniformly over N_q symbols when countChoice = 0
 *     codes of levels k = 0..n−1: with codeChoice[k] > 0, the top min(codeBits, 12) bits with
 *       level k's model, then the remaining low bits directly; else all codeBits bits directly
 */
export const ENTROPY_PARAMS = {
  /** Model increments selectable per chunk and per model family; index 0 means "no model". */
  increments: [0, 2, 8, 32],
  countLimit: 2 ** 13,
  codeLimit: 2 ** 16,
  /** Bits of a code covered by the level model; lower bits are coded directly. */
  modelBits: 12,
} as const;

interface Layout {
  codedCounts: boolean;
  hiBits: number;
  loBits: number;
}

function layout(p: CodingParams): Layout {
  const hiBits = Math.min(p.codeBits, ENTROPY_PARAMS.modelBits);
  return { codedCounts: p.cbrN === 0 && p.nq > 1, hiBits, loBits: p.codeBits - hiBits };
}

const CHOICES = ENTROPY_PARAMS.increments.length;

/**
 * Lazily created models: count models per context 0..N_q and code models per level, each with
 * the increment of its family's choice (the encoder's estimate pass sets choices per model).
 */
class Models {
  private readonly counts: (AdaptiveModel | undefined)[];
  private readonly codes: (AdaptiveModel | undefined)[];

  constructor(
    private readonly nq: number,
    private readonly hiBits: number,
    private readonly countChoice: number,
    private readonly codeChoice: ArrayLike<number>,
  ) {
    this.counts = new Array(nq + 1);
    this.codes = new Array(nq);
  }

  count(ctx: number): AdaptiveModel {
    let m = this.counts[ctx];
    if (!m) m = this.counts[ctx] = new SmallModel(this.nq, ENTROPY_PARAMS.increments[this.countChoice], ENTROPY_PARAMS.countLimit);
    return m;
  }

  code(k: number): AdaptiveModel {
    let m = this.codes[k];
    if (!m) m = this.codes[k] = new TreeModel(2 ** this.hiBits, ENTROPY_PARAMS.increments[this.codeChoice[k]], ENTROPY_PARAMS.codeLimit);
    return m;
  }
}

/**
 * Which model (none, or which increment) codes each family most compactly in this chunk:
 * simulates every choice and compares ideal code lengths in integer fixed-point log2, so the
 * decision is identical on every platform. Ties go to the lower choice.
 */
function chooseModels(p: CodingParams, L: Layout, chunk: ChannelFrames[]): { countChoice: number; codeChoice: Uint8Array } {
  const lg = log2Table();
  const F = chunk[0].counts.length;
  let countSymbols = 0;
  const codeSymbols = new Float64Array(p.nq);
  for (const { counts } of chunk) {
    for (let t = 0; t < F; t++) for (let k = 0; k < counts[t]; k++) codeSymbols[k]++;
    countSymbols += F;
  }
  let countBest = L.codedCounts ? countSymbols * lg[p.nq] : 0;
  let countChoice = 0;
  const codeBest = Float64Array.from(codeSymbols, (n) => n * L.hiBits * 65536);
  const codeChoice = new Uint8Array(p.nq);
  for (let choice = 1; choice < CHOICES; choice++) {
    const models = new Models(p.nq, L.hiBits, choice, new Uint8Array(p.nq).fill(choice));
    let countCost = 0;
    const codeCost = new Float64Array(p.nq);
    const prev = new Uint8Array(chunk.length);
    const cursor = new Int32Array(chunk.length);
    for (let t = 0; t < F; t++) {
      for (let c = 0; c < chunk.length; c++) {
        const { counts, codes } = chunk[c];
        const n = counts[t];
        if (L.codedCounts) {
          const m = models.count(prev[c]);
          countCost += lg[m.total] - lg[m.freqOf(n - 1)];
          m.update(n - 1);
          prev[c] = n;
        }
        let j = cursor[c];
        for (let k = 0; k < n; k++) {
          const m = models.code(k);
          const hi = codes[j++] >>> L.loBits;
          codeCost[k] += lg[m.total] - lg[m.freqOf(hi)];
          m.update(hi);
        }
        cursor[c] = j;
      }
    }
    if (L.codedCounts && countCost < countBest) {
      countBest = countCost;
      countChoice = choice;
    }
    for (let k = 0; k < p.nq; k++) {
      if (codeSymbols[k] > 0 && codeCost[k] < codeBest[k]) {
        codeBest[k] = codeCost[k];
        codeChoice[k] = choice;
      }
    }
  }
  return { countChoice, codeChoice };
}

/** Encodes one chunk (every channel has F frames) as an entropy payload. */
export function encodeEntropy(p: CodingParams, chunk: ChannelFrames[]): Uint8Array {
  const L = layout(p);
  const { countChoice, codeChoice } = chooseModels(p, L, chunk);
  const enc = new RangeEncoder();
  if (L.codedCounts) enc.encodeDirect(countChoice, 2);
  for (let k = 0; k < p.nq; k++) enc.encodeDirect(codeChoice[k], 2);

  const models = new Models(p.nq, L.hiBits, countChoice, codeChoice);
  const F = chunk[0].counts.length;
  const prev = new Uint8Array(chunk.length);
  const cursor = new Int32Array(chunk.length);
  const loMask = (1 << L.loBits) - 1;
  for (let t = 0; t < F; t++) {
    for (let c = 0; c < chunk.length; c++) {
      const { counts, codes } = chunk[c];
      const n = counts[t];
      if (L.codedCounts) {
        if (countChoice > 0) models.count(prev[c]).encode(enc, n - 1);
        else enc.encode(n - 1, 1, p.nq);
        prev[c] = n;
      }
      let j = cursor[c];
      for (let k = 0; k < n; k++) {
        const code = codes[j++];
        if (codeChoice[k] > 0) {
          models.code(k).encode(enc, code >>> L.loBits);
          if (L.loBits > 0) enc.encodeDirect(code & loMask, L.loBits);
        } else {
          enc.encodeDirect(code, p.codeBits);
        }
      }
      cursor[c] = j;
    }
  }
  return enc.finish();
}

/** A growable Int32Array, so decoding allocates in proportion to what it actually decodes. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Decodes an entropy payload `bytes[start, end)` of F frames (F × channels × N_q already capped). */
export function decodeEntropy(p: CodingParams, F: number, bytes: Uint8Array, start: number, end: number, base: number): ChannelFrames[] {
  const L = layout(p);
  const C = p.channels;
  const dec = new RangeDecoder(bytes, start, end, base);
  const countChoice = L.codedCounts ? dec.decodeDirect(2) : 0;
  const codeChoice = new Uint8Array(p.nq);
  for (let k = 0; k < p.nq; k++) codeChoice[k] = dec.decodeDirect(2);

  const models = new Models(p.nq, L.hiBits, countChoice, codeChoice);
  const counts: Uint8Array[] = [];
  const codes: IntList[] = [];
  for (let c = 0; c < C; c++) {
    counts.push(new Uint8Array(F)); // [F]
    codes.push(new IntList(Math.min(F * (p.cbrN || p.nq), 1024))); // grows to [Σ n[t]]
  }
  const prev = new Uint8Array(C);
  for (let t = 0; t < F; t++) {
    for (let c = 0; c < C; c++) {
      let n = p.cbrN || 1;
      if (L.codedCounts) {
        n = (countChoice > 0 ? models.count(prev[c]).decode(dec) : decodeUniform(dec, p.nq)) + 1;
        prev[c] = n;
      }
      counts[c][t] = n;
      const list = codes[c];
      for (let k = 0; k < n; k++) {
        if (codeChoice[k] > 0) {
          const hi = models.code(k).decode(dec);
          list.push(L.loBits > 0 ? hi * 2 ** L.loBits + dec.decodeDirect(L.loBits) : hi);
        } else {
          list.push(dec.decodeDirect(p.codeBits));
        }
      }
    }
  }
  dec.finish();
  return counts.map((cnt, c) => ({ counts: cnt, codes: codes[c].toArray() }));
}

function decodeUniform(dec: RangeDecoder, size: number): number {
  const v = dec.target(size);
  dec.consume(v, 1);
  return v;
}
