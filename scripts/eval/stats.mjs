// Summaries over clips: means overall and per group, rate–distortion comparisons at equal kbps,
// and the bits that quiet clips cost against speech.

/** Clips quieter than this (RMS, dBFS) are left out of SI-SDR means: SI-SDR of silence is noise. */
export const SI_SDR_MIN_DBFS = -70;

const METRICS = ['kbps', 'melDistance', 'stftDistance', 'siSdr'];

/**
 * Means of per-clip results; `siSdr` only over clips loud enough for it (see SI_SDR_MIN_DBFS).
 * @param {({ kbps: number, melDistance: number, stftDistance: number, siSdr: number } | null)[]} perClip
 * @param {{ group: string, rmsDbfs: number }[]} clips same order as perClip
 * @param {(clip: { group: string }) => boolean} [keep]
 */
export function meanOf(perClip, clips, keep = () => true) {
  const sums = Object.fromEntries(METRICS.map((m) => [m, 0]));
  let n = 0;
  let nSdr = 0;
  perClip.forEach((r, i) => {
    if (!r || !keep(clips[i])) return;
    n += 1;
    for (const m of ['kbps', 'melDistance', 'stftDistance']) sums[m] += r[m];
    if (clips[i].rmsDbfs >= SI_SDR_MIN_DBFS && Number.isFinite(r.siSdr)) {
      sums.siSdr += r.siSdr;
      nSdr += 1;
    }
  });
  if (n === 0) return null;
  // entropy-coded file rate: model settings only (absent for Opus)
  const files = perClip.filter((r, i) => r && keep(clips[i]) && Number.isFinite(r.fileKbps)).map((r) => r.fileKbps);
  return {
    clips: n,
    kbps: sums.kbps / n,
    ...(files.length === n ? { fileKbps: files.reduce((a, b) => a + b, 0) / n } : {}),
    melDistance: sums.melDistance / n,
    stftDistance: sums.stftDistance / n,
    siSdr: nSdr ? sums.siSdr / nSdr : null,
    siSdrClips: nSdr,
  };
}

/**
 * Overall and per-group means.
 * @param {Parameters<typeof meanOf>[0]} perClip
 * @param {Parameters<typeof meanOf>[1]} clips
 */
export function summarise(perClip, clips) {
  const groups = [...new Set(clips.map((c) => c.group))];
  return {
    all: meanOf(perClip, clips),
    groups: Object.fromEntries(groups.map((g) => [g, meanOf(perClip, clips, (c) => c.group === g)])),
  };
}

/**
 * Linear interpolation of y at x on a curve of points; null outside its kbps range.
 * @param {{ x: number, y: number }[]} curve
 * @param {number} x
 */
export function interpolate(curve, x) {
  const pts = curve.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  if (pts.length === 0 || x < pts[0].x || x > pts[pts.length - 1].x) return null;
  for (let i = 1; i < pts.length; i++) {
    if (x <= pts[i].x) {
      const a = pts[i - 1];
      const b = pts[i];
      return b.x === a.x ? (a.y + b.y) / 2 : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
    }
  }
  return pts[0].y;
}

/**
 * Each VBR point against the CBR curve at the same kbps (side info counted in VBR's kbps):
 * Δmel = VBR − CBR (negative is better for VBR), ΔSI-SDR = VBR − CBR (positive is better).
 * @param {{ param: number, mean: any }[]} vbr
 * @param {{ param: number, mean: any }[]} cbr
 */
export function compareAtEqualRate(vbr, cbr) {
  const curve = (m) => cbr.filter((s) => s.mean && s.mean[m] !== null).map((s) => ({ x: s.mean.kbps, y: s.mean[m] }));
  const mel = curve('melDistance');
  const sdr = curve('siSdr');
  return vbr
    .filter((s) => s.mean)
    .map((s) => {
      const cm = interpolate(mel, s.mean.kbps);
      const cs = interpolate(sdr, s.mean.kbps);
      return {
        level: s.param,
        kbps: s.mean.kbps,
        melDistance: s.mean.melDistance,
        cbrMelDistance: cm,
        deltaMel: cm === null ? null : s.mean.melDistance - cm,
        siSdr: s.mean.siSdr,
        cbrSiSdr: cs,
        deltaSiSdr: cs === null || s.mean.siSdr === null ? null : s.mean.siSdr - cs,
      };
    });
}

/**
 * Per VBR level: mean kbps of quiet clips (and of the speech-with-pauses ones among them) against
 * speech clips.
 * @param {{ param: number, perClip: any[] }[]} vbr
 * @param {{ group: string, path: string }[]} clips
 */
export function quietVsSpeech(vbr, clips) {
  const mean = (s, keep, field) => {
    const xs = s.perClip.filter((r, i) => r && keep(clips[i]) && Number.isFinite(r[field])).map((r) => r[field]);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const ratio = (a, b) => (b && a !== null ? a / b : null);
  const isSpeech = (c) => c.group === 'speech';
  const isQuiet = (c) => c.group === 'quiet';
  const isPauses = (c) => c.group === 'quiet' && c.path.includes('pauses');
  return vbr.map((s) => {
    const [speech, quiet, pauses] = [isSpeech, isQuiet, isPauses].map((k) => mean(s, k, 'kbps'));
    // the same for the entropy-coded files (`vrvq encode --entropy`), when measured
    const [speechFile, quietFile, pausesFile] = [isSpeech, isQuiet, isPauses].map((k) => mean(s, k, 'fileKbps'));
    return {
      level: s.param,
      speechKbps: speech,
      quietKbps: quiet,
      pausesKbps: pauses,
      quietOverSpeech: ratio(quiet, speech),
      pausesOverSpeech: ratio(pauses, speech),
      speechFileKbps: speechFile,
      quietFileKbps: quietFile,
      quietOverSpeechFile: ratio(quietFile, speechFile),
      pausesOverSpeechFile: ratio(pausesFile, speechFile),
    };
  });
}
