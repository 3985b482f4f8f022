import { constantRateKbps } from '@vrvq/rvq';
import { describe, expect, it } from 'vitest';
import { LEVEL_SLIDER, levelFromPosition, positionFromLevel } from './level-scale.js';
import { kbpsRange, resolveRate } from './rate-setting.js';

const cfg = { nCodebooks: 8, codebookSize: 1024, sampleRate: 24000, hop: 320 }; // 75 frames/s
const p = Float32Array.from([0.05, 0.2, 0.5, 0.9, 0.99, 0.3]);

describe('resolveRate', () => {
  it('VBR level: n[t] = min(Nq, ⌊ℓ·Nq·p⌋ + 1) and kbps = (10 bits·Σn + 3 bits·T)·75/T/1000', () => {
    const r = resolveRate(p, p.length, { mode: 'level', level: 1 }, cfg);
    expect(Array.from(r.counts)).toEqual([1, 2, 5, 8, 8, 3]);
    expect(r.bits.payload).toBe(10 * 27);
    expect(r.bits.sideInfo).toBe(3 * 6);
    expect(r.kbps.total).toBeCloseTo(((270 + 18) * 75) / 6 / 1000, 12);
    expect(r.kbps.payload + r.kbps.sideInfo).toBeCloseTo(r.kbps.total, 12);
    expect(r.meanCount).toBeCloseTo(27 / 6, 12);
    expect(r.header).toEqual({ mode: 'vbr', level: 1 });
  });

  it('more level never means fewer codebooks', () => {
    let prev = 0;
    for (let pos = 0; pos <= LEVEL_SLIDER.steps; pos += 10) {
      const r = resolveRate(p, p.length, { mode: 'level', level: levelFromPosition(pos) }, cfg);
      expect(r.kbps.total).toBeGreaterThanOrEqual(prev);
      prev = r.kbps.total;
    }
    // at the top (ℓ ≈ 6.04) every frame with p ≥ 7/48.3 saturates; p = 0.05 gives ⌊2.42⌋ + 1 = 3
    const top = resolveRate(p, p.length, { mode: 'level', level: levelFromPosition(LEVEL_SLIDER.steps) }, cfg);
    expect(Array.from(top.counts)).toEqual([3, 8, 8, 8, 8, 8]);
    expect(prev).toBe(top.kbps.total);
  });

  it('CBR: every frame uses n codebooks and no side info is counted', () => {
    const r = resolveRate(null, 10, { mode: 'cbr', n: 3 }, cfg);
    expect(Array.from(r.counts)).toEqual(new Array(10).fill(3));
    expect(r.kbps.sideInfo).toBe(0);
    expect(r.kbps.total).toBeCloseTo(constantRateKbps(3, cfg, 'cbr'), 12);
  });

  it('target kbps lands on a level whose rate is the one reported', () => {
    const long = Float32Array.from({ length: 300 }, (_, i) => 0.5 + 0.45 * Math.sin(i / 7));
    const r = resolveRate(long, long.length, { mode: 'kbps', kbps: 3 }, cfg);
    expect(r.targetStatus).toBe('ok');
    expect(Math.abs(r.kbps.total - 3)).toBeLessThan(0.06);
    const again = resolveRate(long, long.length, { mode: 'level', level: (r.header as { level: number }).level }, cfg);
    expect(Array.from(again.counts)).toEqual(Array.from(r.counts));
  });

  it('refuses VBR without an importance map', () => {
    expect(() => resolveRate(null, 4, { mode: 'level', level: 1 }, cfg)).toThrow(/CBR/);
  });

  it('offers kbps from 1 to Nq codebooks with side info', () => {
    const { min, max } = kbpsRange(cfg);
    expect(min).toBeCloseTo(((10 + 3) * 75) / 1000, 12);
    expect(max).toBeCloseTo(((80 + 3) * 75) / 1000, 12);
  });
});

describe('level slider scale', () => {
  it('spans ℓ from 1/16 to about 6 with ℓ = 1, 0.5 and 2 exactly on positions', () => {
    expect(levelFromPosition(0)).toBe(1 / 16);
    expect(levelFromPosition(LEVEL_SLIDER.steps)).toBeGreaterThan(6);
    expect(levelFromPosition(LEVEL_SLIDER.steps)).toBeLessThan(6.1);
    expect(levelFromPosition(positionFromLevel(1))).toBe(1);
    expect(levelFromPosition(positionFromLevel(0.5))).toBe(0.5);
    expect(levelFromPosition(positionFromLevel(2))).toBe(2);
    for (const pos of [0, 1, 57, 133, 211]) expect(positionFromLevel(levelFromPosition(pos))).toBe(pos);
    expect(positionFromLevel(100)).toBe(LEVEL_SLIDER.steps);
  });
});
