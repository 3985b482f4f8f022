/**
 * Bit accounting — THE single source of truth for rates (used by the bitstream tests and the CLI).
 *
 * VRVQ sends fixed-length codes: each used level of a frame costs log2(codebookSize) bits, and in
 * VBR each frame additionally carries its level count n ∈ {1…Nq} as ⌈log2 Nq⌉ bits of side info.
 * There is no entropy coding. Frame rate is sampleRate / hop, **not floored** (86.13 Hz at
 * 44.1 kHz / 512; the official scripts' ⌊·⌋ = 86 would understate rates by 0.15 %).
 */
import { check } from '../errors.js';

/** `'vbr'`: per-frame counts are transmitted; `'cbr'`: one count for the whole stream. */
export type RateMode = 'vbr' | 'cbr';

/** What rates depend on. */
export interface RateConfig {
  nCodebooks: number;
  codebookSize: number;
  sampleRate: number;
  /** Samples per latent frame (512 at 44.1 kHz). */
  hop: number;
}

/** Bits per code index: log2(codebookSize); codebookSize must be a power of two ≥ 2 (1024 → 10). */
export function bitsPerCode(codebookSize: number): number {
  check(
    Number.isInteger(codebookSize) && codebookSize >= 2 && (codebookSize & (codebookSize - 1)) === 0,
    'codebook-size-not-power-of-two',
    () => `codebook size must be a power of two ≥ 2 for fixed-length codes, got ${codebookSize}`,
  );
  return Math.log2(codebookSize);
}

/** Side-info bits per frame: ⌈log2 Nq⌉ in VBR (3 for Nq = 8; 0 for Nq = 1), 0 in CBR. */
export function sideInfoBitsPerFrame(nCodebooks: number, mode: RateMode): number {
  check(Number.isInteger(nCodebooks) && nCodebooks >= 1, 'invalid-argument', () => `nCodebooks must be a positive integer, got ${nCodebooks}`);
  return mode === 'vbr' ? Math.ceil(Math.log2(nCodebooks)) : 0;
}

/** Payload bits of one frame that uses `n` levels: n · log2(codebookSize). */
export function framePayloadBits(n: number, codebookSize: number): number {
  return n * bitsPerCode(codebookSize);
}

/** Latent frames per second: sampleRate / hop (not floored). */
export function frameRate(sampleRate: number, hop: number): number {
  check(sampleRate > 0 && hop > 0, 'invalid-argument', () => `sampleRate and hop must be positive, got ${sampleRate}, ${hop}`);
  return sampleRate / hop;
}

/** Bits of a clip split into payload and side info. */
export interface ClipBits {
  frames: number;
  payload: number;
  sideInfo: number;
  total: number;
}

/**
 * Bits of a clip from its per-frame level counts (each in 1…Nq). `mode` decides whether side info
 * is counted (VBR) or not (CBR).
 */
export function clipBits(counts: ArrayLike<number>, cfg: Pick<RateConfig, 'nCodebooks' | 'codebookSize'>, mode: RateMode): ClipBits {
  const perCode = bitsPerCode(cfg.codebookSize);
  let codes = 0;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t];
    check(Number.isInteger(n) && n >= 1 && n <= cfg.nCodebooks, 'invalid-argument', () =>
      `frame ${t}: level count must be an integer in 1…${cfg.nCodebooks}, got ${n}`,
    );
    codes += n;
  }
  const payload = codes * perCode;
  const sideInfo = counts.length * sideInfoBitsPerFrame(cfg.nCodebooks, mode);
  return { frames: counts.length, payload, sideInfo, total: payload + sideInfo };
}

/** kbps of `bits` spread over `frames` frames: bits / (frames / frameRate) / 1000. */
export function bitsToKbps(bits: number, frames: number, rate: number): number {
  check(frames > 0, 'invalid-argument', () => `need at least one frame to compute a bitrate, got ${frames}`);
  return (bits * rate) / frames / 1000;
}

/** kbps of a clip from its counts (payload + side info in VBR). */
export function clipKbps(counts: ArrayLike<number>, cfg: RateConfig, mode: RateMode): number {
  return bitsToKbps(clipBits(counts, cfg, mode).total, counts.length, frameRate(cfg.sampleRate, cfg.hop));
}

/** kbps when every frame uses `n` levels: n·log2(K)·frameRate/1000 (+ side info in VBR). */
export function constantRateKbps(n: number, cfg: RateConfig, mode: RateMode = 'cbr'): number {
  const bitsPerFrame = framePayloadBits(n, cfg.codebookSize) + sideInfoBitsPerFrame(cfg.nCodebooks, mode);
  return (bitsPerFrame * frameRate(cfg.sampleRate, cfg.hop)) / 1000;
}
