// Data for the codebook-usage picture (paper Fig. 4): the importance map of one clip and the
// per-frame codebook counts at a few levels, stored in the results JSON.
import { loadClip } from './testset.mjs';
import { analyse, rateOf } from './model.mjs';
import { rvq } from './packages.mjs';

/**
 * @param {import('./model.mjs').LoadedModel} model a VBR model
 * @param {string} testDir
 * @param {string} path clip path in the test set
 * @param {number} seconds how much of it (from the start)
 * @param {number[]} levels
 */
export function figureData(model, testDir, path, seconds, levels) {
  const x = loadClip(testDir, path, { sampleRate: model.sampleRate, maxSeconds: seconds, hop: model.hop });
  const { codes, p } = analyse(model, x);
  codes.dispose();
  const nq = model.rateCfg.nCodebooks;
  return {
    clip: path,
    offsetSeconds: 0,
    seconds: x.length / model.sampleRate,
    sampleRate: model.sampleRate,
    hop: model.hop,
    nCodebooks: nq,
    p: Array.from(p, (v) => Number(v.toFixed(4))),
    levels: levels.map((level) => {
      const counts = rvq.countsFromImportance(p, level, nq);
      const rate = rateOf(model, counts, 'vbr', x.length / model.sampleRate);
      return { level, kbps: Number(rate.kbps.toFixed(3)), counts: Array.from(counts) };
    }),
  };
}
