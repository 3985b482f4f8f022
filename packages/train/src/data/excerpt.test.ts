import { loudnessLufs } from '@vrvq/audio';
import { Rng } from '@vrvq/rvq';
import { describe, expect, it } from 'vitest';
import { randomExcerpt, salientExcerpt } from './excerpt.js';
import { GENERATED_KINDS, generateClip } from './generated.js';

describe('excerpts', () => {
  const sr = 16000;
  // 10 s of silence with one loud second at 6–7 s
  const x = new Float32Array(10 * sr);
  for (let i = 6 * sr; i < 7 * sr; i++) x[i] = 0.5 * Math.sin(i * 0.2);

  it('random excerpts are reproducible and zero-padded when the file is short', () => {
    const a = randomExcerpt(x, 4000, new Rng(3));
    const b = randomExcerpt(x, 4000, new Rng(3));
    expect(a).toEqual(b);
    const short = randomExcerpt(Float32Array.from([1, 2, 3]), 5, new Rng(0));
    expect(Array.from(short)).toEqual([1, 2, 3, 0, 0]);
  });

  it('salient excerpts re-draw until louder than the cutoff, at most maxDraws times', () => {
    const opts = { minLufs: -40, maxDraws: 64, keepQuietShare: 0 };
    let loud = 0;
    for (let s = 0; s < 20; s++) {
      const r = salientExcerpt(x, sr / 2, sr, new Rng(s), opts);
      if (r.loud) {
        loud++;
        expect(loudnessLufs(r.audio, sr)).toBeGreaterThan(-40);
      } else expect(r.draws).toBe(64);
    }
    expect(loud).toBeGreaterThan(15); // P(loud per draw) ≈ 0.1 → 64 draws almost always succeed
    const capped = salientExcerpt(new Float32Array(sr), sr / 4, sr, new Rng(1), { ...opts, maxDraws: 8 });
    expect(capped.draws).toBe(8);
    expect(capped.loud).toBe(false);
  });

  it('keeps the configured share of excerpts without the loudness test', () => {
    const opts = { minLufs: -40, maxDraws: 8, keepQuietShare: 0.3 };
    let kept = 0;
    for (let s = 0; s < 400; s++) if (salientExcerpt(x, sr / 2, sr, new Rng(s), opts).loud === null) kept++;
    expect(kept / 400).toBeGreaterThan(0.22);
    expect(kept / 400).toBeLessThan(0.38);
  });
});

describe('generated clips', () => {
  it('are deterministic, finite, in range, and silence is exactly zero', () => {
    for (const kind of GENERATED_KINDS) {
      const a = generateClip(kind, 8000, 16000, new Rng(5));
      const b = generateClip(kind, 8000, 16000, new Rng(5));
      expect(a).toEqual(b);
      const peak = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(peak).toBeLessThanOrEqual(1);
      if (kind === 'silence') expect(peak).toBe(0);
      else expect(peak).toBeGreaterThan(0.01);
    }
  });
});
