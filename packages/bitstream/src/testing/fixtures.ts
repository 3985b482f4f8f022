import type { ChannelFrames, HeaderInput } from '../types.js';
import type { Prng } from './prng.js';

/** A typical header: 44.1 kHz, hop 512, N_q 8, 1024-entry codebooks, mono, VBR ℓ = 1. */
export function testHeader(over: Partial<HeaderInput> = {}): HeaderInput {
  return {
    modelName: 'vrvq-44khz-8q',
    weightsHash: new Uint8Array(16).map((_, i) => (i * 37 + 11) & 0xff),
    sampleRate: 44_100,
    hop: 512,
    nq: 8,
    codebookSize: 1024,
    channels: 1,
    originalSampleRate: 48_000,
    originalLength: 480_000,
    rate: { mode: 'vbr', level: 1 },
    inputGainDb: -3.5,
    ...over,
  };
}

export interface FrameGen {
  T: number;
  nq: number;
  codebookSize: number;
  /** Constant count (CBR); 0 for random counts. */
  cbrN?: number;
  /**
   * 'uniform': counts and codes independent and uniform.
   * 'skewed': counts a slow random walk, codes geometric-like (a few codes dominate per level).
   * 'extreme': counts only 1 or N_q, codes only 0 or codebookSize−1.
   */
  kind?: 'uniform' | 'skewed' | 'extreme';
}

/** Random frames of one channel. */
export function randomChannel(rng: Prng, g: FrameGen): ChannelFrames {
  const { T, nq, codebookSize } = g;
  const kind = g.kind ?? 'uniform';
  const counts = new Uint8Array(T); // [T]
  let n = rng.int(1, nq);
  for (let t = 0; t < T; t++) {
    if (g.cbrN) n = g.cbrN;
    else if (kind === 'uniform') n = rng.int(1, nq);
    else if (kind === 'extreme') n = rng.float() < 0.5 ? 1 : nq;
    else if (rng.float() < 0.15) n = Math.min(nq, Math.max(1, n + (rng.float() < 0.5 ? -1 : 1)));
    counts[t] = n;
  }
  let total = 0;
  for (let t = 0; t < T; t++) total += counts[t];
  const codes = new Int32Array(total); // [Σ n[t]]
  for (let i = 0; i < total; i++) {
    if (kind === 'uniform') codes[i] = rng.int(0, codebookSize - 1);
    else if (kind === 'extreme') codes[i] = rng.float() < 0.5 ? 0 : codebookSize - 1;
    else codes[i] = Math.min(codebookSize - 1, Math.floor(-Math.log(1 - rng.float()) * 12));
  }
  return { counts, codes };
}

export function randomChannels(rng: Prng, channels: number, g: FrameGen): ChannelFrames[] {
  return Array.from({ length: channels }, () => randomChannel(rng, g));
}

/** First difference between two frame sets, or null (a fast stand-in for deep equality on big arrays). */
export function framesDiff(a: ChannelFrames[], b: ChannelFrames[]): string | null {
  if (a.length !== b.length) return `channel count ${a.length} vs ${b.length}`;
  for (let c = 0; c < a.length; c++) {
    for (const key of ['counts', 'codes'] as const) {
      const x = a[c][key];
      const y = b[c][key];
      if (x.constructor !== y.constructor) return `channel ${c} ${key}: ${x.constructor.name} vs ${y.constructor.name}`;
      if (x.length !== y.length) return `channel ${c} ${key}: length ${x.length} vs ${y.length}`;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `channel ${c} ${key}[${i}]: ${x[i]} vs ${y[i]}`;
    }
  }
  return null;
}
