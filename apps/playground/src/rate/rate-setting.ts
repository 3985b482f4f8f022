import {
  type ClipBits,
  type RateConfig,
  type RateMode,
  clipBits,
  constantRateKbps,
  countsFromImportance,
  frameRate,
  levelForTargetKbps,
} from '@vrvq/rvq';

/** What the user asks for: a VBR level ℓ, a target bitrate (VBR), or CBR with n codebooks. */
export type RateSetting = { mode: 'level'; level: number } | { mode: 'kbps'; kbps: number } | { mode: 'cbr'; n: number };

/** A setting resolved against one clip's importance map. */
export interface ResolvedRate {
  /** What the bitstream header records. */
  header: { mode: 'vbr'; level: number } | { mode: 'cbr'; n: number };
  /** Codebooks used per frame, 1…N_q. */
  counts: Uint8Array;
  bits: ClipBits;
  /** kbps split as `@vrvq/rvq` accounts it: payload, VBR side info, total. */
  kbps: { payload: number; sideInfo: number; total: number };
  /** Mean codebooks per frame. */
  meanCount: number;
  /** Target-kbps mode: how the target was met (see `levelForTargetKbps`). */
  targetStatus?: 'ok' | 'below-floor' | 'above-max' | 'nearest';
}

/**
 * Counts and bits of a setting on a clip: `p` is the importance per frame (null for a model
 * without the subnet, which supports CBR only). Uses only `@vrvq/rvq`'s bit accounting.
 */
export function resolveRate(p: Float32Array | null, frames: number, setting: RateSetting, cfg: RateConfig): ResolvedRate {
  const nq = cfg.nCodebooks;
  let counts: Uint8Array;
  let header: ResolvedRate['header'];
  let targetStatus: ResolvedRate['targetStatus'];
  if (setting.mode === 'cbr') {
    const n = Math.min(nq, Math.max(1, Math.round(setting.n)));
    counts = new Uint8Array(frames).fill(n);
    header = { mode: 'cbr', n };
  } else {
    if (!p) throw new RangeError('this model has no importance map: use CBR');
    if (setting.mode === 'level') {
      counts = Uint8Array.from(countsFromImportance(p, setting.level, nq));
      header = { mode: 'vbr', level: setting.level };
    } else {
      const t = levelForTargetKbps(p, setting.kbps, cfg);
      counts = Uint8Array.from(t.counts);
      header = { mode: 'vbr', level: t.level };
      targetStatus = t.status;
    }
  }
  return summarise(counts, header, cfg, targetStatus);
}

/** Bits and kbps of given counts (e.g. the counts read from a .vrvq file). */
export function summarise(
  counts: Uint8Array,
  header: ResolvedRate['header'],
  cfg: RateConfig,
  targetStatus?: ResolvedRate['targetStatus'],
): ResolvedRate {
  const mode: RateMode = header.mode;
  const bits = clipBits(counts, cfg, mode);
  const fr = frameRate(cfg.sampleRate, cfg.hop);
  const perSec = (b: number) => (counts.length ? (b * fr) / counts.length / 1000 : 0);
  let used = 0;
  for (const c of counts) used += c;
  return {
    header,
    counts,
    bits,
    kbps: { payload: perSec(bits.payload), sideInfo: perSec(bits.sideInfo), total: perSec(bits.total) },
    meanCount: counts.length ? used / counts.length : 0,
    targetStatus,
  };
}

/** The range the target-kbps control offers: 1 codebook everywhere … all N_q (VBR side info included). */
export function kbpsRange(cfg: RateConfig): { min: number; max: number } {
  return { min: constantRateKbps(1, cfg, 'vbr'), max: constantRateKbps(cfg.nCodebooks, cfg, 'vbr') };
}
