import { describe, expect, it } from 'vitest';
import { BatchLoader, DEFAULT_AUGMENT } from './loader.js';
import { GeneratedSource } from './sources.js';
import { buildValidationSet } from './validation-set.js';

const sr = 8000;
const groups = () => [
  new GeneratedSource({ name: 'tones', sampleRate: sr, count: 10, kinds: ['sine', 'am-tone'], clipSeconds: 1 }),
  new GeneratedSource({ name: 'noise', sampleRate: sr, count: 7, kinds: ['noise-bursts', 'silence'], clipSeconds: 1, seed: 9 }),
];
const make = (prefetch = 2) =>
  new BatchLoader({
    groups: groups(),
    sampleRate: sr,
    batchSize: 3,
    samples: 1000,
    salience: { minLufs: -40, maxDraws: 8, keepQuietShare: 0.1 },
    augment: { ...DEFAULT_AUGMENT, shiftPhase: true },
    seed: 42,
    prefetch,
  });

describe('BatchLoader', () => {
  it('serves balanced groups (batch i: groups (i·B + j) mod G) in [B, N] layout', async () => {
    const l = make();
    const b0 = await l.next();
    const b1 = await l.next();
    const sorted = (b: { items: string[] }) => b.items.map((s) => s.split('/')[0]).sort();
    expect(b0.audio.length).toBe(3000);
    expect(sorted(b0)).toEqual(['noise', 'tones', 'tones']);
    expect(sorted(b1)).toEqual(['noise', 'noise', 'tones']);
    expect(b1.index).toBe(1);
  });

  it('shuffles groups across batch positions, so every position sees every group', async () => {
    // Masks depend on the position in the batch (VBR: last quarter full codebooks; CBR: first
    // half dropout): with B = G a fixed map would give each group a single kind of mask.
    const gs = [0, 1, 2, 3].map(
      (g) => new GeneratedSource({ name: `g${g}`, sampleRate: sr, count: 3, kinds: ['sine'], clipSeconds: 1, seed: g }),
    );
    const l = new BatchLoader({ groups: gs, sampleRate: sr, batchSize: 4, samples: 100, salience: null, augment: DEFAULT_AUGMENT, seed: 3 });
    const seen = Array.from({ length: 4 }, () => new Set<number>());
    for (let i = 0; i < 40; i++) {
      const slots = l.groupSlots(i);
      expect([...slots].sort()).toEqual([0, 1, 2, 3]);
      slots.forEach((g, j) => {
        seen[j].add(g);
      });
    }
    for (const s of seen) expect(s.size).toBe(4);
    expect(l.groupSlots(7)).toEqual(l.groupSlots(7));
  });

  it('is a pure function of (seed, index): prefetching and resuming from the cursor change nothing', async () => {
    const a = make(0);
    const seqA = [];
    for (let i = 0; i < 5; i++) seqA.push(await a.next());
    const b = make(3);
    await b.next();
    await b.next();
    const c = make(1);
    c.cursor = b.cursor;
    for (let i = 2; i < 5; i++) {
      const x = await c.next();
      expect(x.audio).toEqual(seqA[i].audio);
      expect(x.items).toEqual(seqA[i].items);
    }
    expect((await a.batch(3)).audio).toEqual(seqA[3].audio);
    expect(seqA[0].audio).not.toEqual(seqA[1].audio);
  });

  it('builds a fixed validation set', async () => {
    const v1 = await buildValidationSet(groups(), { count: 4, samples: 2000, sampleRate: sr, seed: 1, salience: null });
    const v2 = await buildValidationSet(groups(), { count: 4, samples: 2000, sampleRate: sr, seed: 1, salience: null });
    expect(v1.map((v) => v.name)).toEqual(v2.map((v) => v.name));
    expect(v1[3].audio).toEqual(v2[3].audio);
    expect(v1[0].audio.length).toBe(2000);
  });
});
