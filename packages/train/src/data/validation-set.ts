import { Rng } from '@vrvq/rvq';
import { rescaleAudio } from './augment.js';
import { type SalienceOptions, salientExcerpt } from './excerpt.js';
import { seedFor } from './seed.js';
import type { AudioSource } from './sources.js';

export interface ValidationItem {
  name: string;
  audio: Float32Array;
}

/**
 * A fixed validation set: `count` excerpts of `samples` samples, item k from group
 * k mod nGroups, file and position drawn from a seed derived from (seed, k), salient excerpts
 * (no quiet share), rescaled, no other augmentation. Same items every time for a given seed.
 */
export async function buildValidationSet(
  groups: AudioSource[],
  opts: { count: number; samples: number; sampleRate: number; seed: number; salience: SalienceOptions | null },
): Promise<ValidationItem[]> {
  const usable = groups.filter((g) => g.size > 0);
  if (usable.length === 0) return [];
  const salience = opts.salience ? { ...opts.salience, keepQuietShare: 0 } : null;
  const out: ValidationItem[] = [];
  for (let k = 0; k < opts.count; k++) {
    const rng = new Rng(seedFor('validation', opts.seed, k));
    const g = usable[k % usable.length];
    const i = rng.int(g.size);
    const x = await g.load(i);
    const audio = rescaleAudio(salientExcerpt(x, opts.samples, opts.sampleRate, rng, salience).audio);
    out.push({ name: `${g.name}/${g.key(i)}`, audio });
  }
  return out;
}
