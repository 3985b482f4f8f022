// Code usage per quantizer level, from decoded .vrvq frames: how many codebook entries occur, the
// empirical entropy of the codes and how many entries carry 90 % of the frames.

/**
 * A histogram per level, filled from the frames of one channel (`counts[t]` codes at frame t,
 * level 1 first).
 */
export class CodeUsage {
  /** @param {number} nq @param {number} codebookSize */
  constructor(nq, codebookSize) {
    /** @type {Float64Array[]} [N_q][K] */
    this.hist = Array.from({ length: nq }, () => new Float64Array(codebookSize));
  }

  /** @param {{ counts: Uint8Array, codes: Int32Array }} frames */
  add({ counts, codes }) {
    let o = 0;
    for (let t = 0; t < counts.length; t++) {
      for (let l = 0; l < counts[t]; l++) this.hist[l][codes[o + l]] += 1;
      o += counts[t];
    }
  }

  /** @returns {{ level: number, codes: number, used: number, entropyBits: number, entriesFor90: number }[]} */
  summary() {
    return this.hist.map((h, i) => {
      const n = h.reduce((a, b) => a + b, 0);
      let entropyBits = 0;
      let used = 0;
      for (const c of h) {
        if (c > 0) {
          used += 1;
          entropyBits -= (c / n) * Math.log2(c / n);
        }
      }
      const sorted = Array.from(h).sort((a, b) => b - a);
      let entriesFor90 = 0;
      for (let cum = 0; cum < 0.9 * n; entriesFor90++) cum += sorted[entriesFor90];
      return { level: i + 1, codes: n, used, entropyBits, entriesFor90 };
    });
  }
}
