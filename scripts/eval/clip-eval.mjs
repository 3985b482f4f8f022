// Evaluating one clip: analyse it once per model, derive every setting's counts from those codes,
// decode, and score; Opus round trips at every bitrate.
import { entropyFileRate } from './file-rate.mjs';
import { analyse, decode, rateOf } from './model.mjs';
import { opusRoundTrip } from './opus.mjs';
import { audio, cli, rvq } from './packages.mjs';

/** Rounds to `d` significant digits (keeps the JSON readable). */
export const sig = (x, d = 5) => (x === null || !Number.isFinite(x) ? x : Number(x.toPrecision(d)));

async function scored(ref, deg, sampleRate) {
  const m = await cli.computeMetrics([ref], [deg], sampleRate);
  return { melDistance: sig(m.melDistance), stftDistance: sig(m.stftDistance), siSdr: sig(m.siSdr) };
}

/**
 * Every setting of one model on one clip.
 * @param {import('./model.mjs').LoadedModel} model
 * @param {import('./settings.mjs').Setting[]} settings this model's settings
 * @param {Float32Array} x the clip at the model's rate, a whole number of hops
 * @returns {Promise<Map<string, object>>} setting id → per-clip result
 */
export async function evaluateModelOnClip(model, settings, x) {
  const seconds = x.length / model.sampleRate;
  const { codes, p, frames } = analyse(model, x);
  const out = new Map();
  try {
    const dense = /** @type {Int32Array} */ (codes.dataSync()); // [N_q, T] (batch 1)
    for (const s of settings) {
      const counts =
        s.mode === 'vbr' ? rvq.countsFromImportance(p, s.param, model.rateCfg.nCodebooks) : new Int32Array(frames).fill(s.param);
      const rate = rateOf(model, counts, s.mode, seconds);
      const y = decode(model, codes, s.mode === 'vbr' ? counts : s.param, x.length);
      const file = entropyFileRate(model.rateCfg, dense, counts, s.mode, s.param, seconds);
      out.set(s.id, {
        kbps: sig(rate.kbps),
        fileKbps: sig(file.kbps),
        payloadKbps: sig(rate.payloadKbps),
        sideInfoKbps: sig(rate.sideInfoKbps),
        meanCount: sig(rate.meanCount, 4),
        ...(await scored(x, y, model.sampleRate)),
      });
    }
  } finally {
    codes.dispose();
  }
  return out;
}

/**
 * Opus at every setting on one clip.
 * @param {import('./settings.mjs').Setting[]} settings
 * @param {Float32Array} x
 * @param {number} sampleRate
 */
export async function evaluateOpusOnClip(settings, x, sampleRate) {
  const out = new Map();
  for (const s of settings) {
    const r = opusRoundTrip(x, sampleRate, s.param, s.mode);
    const m = await scored(x, r.decoded, sampleRate);
    // SI-SDR once more after undoing the best integer lag (|lag| ≤ 64): Opus's decoded signal can sit
    // a sample or two off the input, which SI-SDR punishes at high frequencies; reported beside it.
    let siSdrAligned = m.siSdr;
    if (r.lag) {
      const shifted = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) shifted[i] = r.decoded[i + r.lag] ?? 0;
      siSdrAligned = sig(audio.siSdr(shifted, x));
    }
    out.set(s.id, {
      kbps: sig(r.kbps),
      payloadBytes: r.payloadBytes,
      packets: r.packets,
      containerBytes: r.containerBytes,
      modes: r.modes,
      lengthDiff: r.lengthDiff,
      lag: r.lag,
      ...m,
      siSdrAligned,
    });
  }
  return out;
}
