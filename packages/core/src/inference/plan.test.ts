import { Rng } from '@vrvq/rvq';
import { describe, expect, it } from 'vitest';
import { AnalysisPlanner, type AnalysisWindow, SynthesisPlanner, type SynthesisWindow } from './plan.js';

// The parallel CLI path relies on these: the plan is a function of the total length alone (so
// any split of the input gives the same model calls), and the kept frames tile [0, T) in order.

function planAnalysis(n: number, pieces: number[], hop: number, window: number, context: number): AnalysisWindow[] {
  const plan = new AnalysisPlanner(hop, window, context);
  const x = Float32Array.from({ length: n }, (_, i) => i);
  const out: AnalysisWindow[] = [];
  const drain = () => {
    for (let w = plan.next(); w; w = plan.next()) out.push(w);
  };
  let i = 0;
  for (const k of pieces) {
    plan.push(x.subarray(i, i + k));
    i += k;
    drain();
  }
  plan.push(x.subarray(i));
  drain();
  plan.finish();
  drain();
  return out;
}

function split(n: number, rng: Rng, most: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0; ) {
    const k = Math.min(left, 1 + rng.int(most));
    out.push(k);
    left -= k;
  }
  return out;
}

describe('window plans', () => {
  it('analysis: same windows whatever the pieces; kept frames tile the signal; inputs are the right samples', () => {
    const hop = 8;
    const rng = new Rng(5);
    for (const [window, context] of [
      [5, 3],
      [4, 0],
      [7, 9],
    ]) {
      for (const n of [1, 7, 8, 9, hop * (window + context), hop * (window + context) + 3, hop * (3 * window + context), 1000]) {
        const whole = planAnalysis(n, [], hop, window, context);
        for (let r = 0; r < 3; r++) {
          const pieces = planAnalysis(n, split(n, rng, 3 * hop * window), hop, window, context);
          expect(pieces.map((w) => [w.start, w.skip, w.take, w.samples.length])).toEqual(whole.map((w) => [w.start, w.skip, w.take, w.samples.length]));
          for (const [i, w] of pieces.entries()) expect(w.samples).toEqual(whole[i].samples);
        }
        let next = 0;
        for (const w of whole) {
          expect(w.start).toBe(next);
          expect(w.skip).toBe(Math.min(w.start, context));
          expect(w.samples.length % hop).toBe(0);
          const first = (w.start - w.skip) * hop;
          for (let j = 0; j < w.samples.length; j++) expect(w.samples[j]).toBe(first + j < n ? first + j : 0);
          next += w.take;
        }
        expect(next).toBe(Math.ceil(n / hop));
      }
    }
  });

  it('synthesis: same windows whatever the pieces; kept frames tile the frames', () => {
    const nq = 3;
    const rng = new Rng(9);
    for (const [window, context] of [
      [4, 2],
      [6, 6],
    ]) {
      for (const t of [1, 5, window + context, window + context + 1, 4 * window + 1, 57]) {
        const counts = Int32Array.from({ length: t }, (_, i) => 1 + (i % nq));
        const codes = Int32Array.from({ length: t * nq }, (_, i) => i);
        const plan = (pieces: number[]) => {
          const p = new SynthesisPlanner(nq, window, context);
          const out: SynthesisWindow[] = [];
          let f = 0;
          for (const k of [...pieces, 0]) {
            const m = k || t - f;
            p.push(counts.subarray(f, f + m), codes.subarray(f * nq, (f + m) * nq));
            f += m;
            for (let w = p.next(); w; w = p.next()) out.push(w);
          }
          p.finish();
          for (let w = p.next(); w; w = p.next()) out.push(w);
          return out;
        };
        const whole = plan([]);
        const pieces = plan(split(t, rng, 2 * window));
        expect(pieces).toEqual(whole);
        let next = 0;
        for (const w of whole) {
          expect(w.start).toBe(next);
          const first = w.start - w.skip;
          expect(Array.from(w.counts)).toEqual(Array.from(counts.subarray(first, first + w.counts.length)));
          expect(Array.from(w.codes)).toEqual(Array.from(codes.subarray(first * nq, (first + w.counts.length) * nq)));
          next += w.take;
        }
        expect(next).toBe(t);
      }
    }
  });

  it('push after finish throws; a second finish plans nothing', () => {
    const a = new AnalysisPlanner(4, 2, 1);
    expect(a.finish()).toBe(true);
    expect(a.finish()).toBe(false);
    expect(() => a.push(new Float32Array(4))).toThrow(/push after finish/);
    const s = new SynthesisPlanner(2, 2, 1);
    expect(() => s.push([1], new Int32Array(3))).toThrow(RangeError);
    expect(() => new SynthesisPlanner(2, 0, 1)).toThrow(RangeError);
  });
});
