import { resolve } from 'node:path';
import { AudioStore } from '../data/audio-store.js';
import { type GroupSpec, groupsFromDirectory, listAudioFiles, splitHeldOut } from '../data/files.js';
import { BatchLoader } from '../data/loader.js';
import { type AudioSource, FileSource, GeneratedSource } from '../data/sources.js';
import { buildValidationSet, type ValidationItem } from '../data/validation-set.js';
import { TrainError } from '../errors.js';
import type { DataSpec, TrainConfig } from './config.js';

export interface TrainingData {
  loader: BatchLoader;
  validation: ValidationItem[];
  /** Group names and item counts, for the log. */
  summary: { train: Array<{ name: string; items: number }>; validation: Array<{ name: string; items: number }> };
}

async function filesOf(groups: GroupSpec[], base: string): Promise<Array<{ name: string; files: string[] }>> {
  const out: Array<{ name: string; files: string[] }> = [];
  for (const g of groups) {
    const files: string[] = [];
    for (const p of g.paths) files.push(...(await listAudioFiles(resolve(base, p))));
    out.push({ name: g.name, files: [...new Set(files)].sort() });
  }
  return out;
}

async function groupSpecs(spec: { dir: string } | { groups: GroupSpec[] }, base: string): Promise<GroupSpec[]> {
  return 'dir' in spec ? groupsFromDirectory(resolve(base, spec.dir)) : spec.groups;
}

/**
 * Builds the training stream and the fixed validation set of a config. Relative paths resolve
 * against `baseDir` (the working directory by default).
 */
export async function setupData(config: TrainConfig, sampleRate: number, hop: number, baseDir = '.'): Promise<TrainingData> {
  const d = config.data;
  const store = new AudioStore(sampleRate, d.cacheMb);
  const samples = Math.round(config.excerptSeconds * sampleRate);
  let trainGroups: AudioSource[];
  let validationGroups: AudioSource[] = [];
  const generated = (spec: Extract<DataSpec, { generated: unknown }>, seed: number, suffix = '') =>
    new GeneratedSource({ name: `generated${suffix}`, sampleRate, seed, ...spec.generated });

  if ('generated' in d.train) {
    trainGroups = [generated(d.train, config.seed)];
  } else {
    const groups = await filesOf(await groupSpecs(d.train, baseDir), baseDir);
    const share = 'share' in d.validation ? d.validation.share : 0;
    const split = groups.map((g) => ({ name: g.name, ...splitHeldOut(g.files, share, config.seed, baseDir) }));
    trainGroups = split.map((g) => new FileSource(g.name, g.train, store));
    if ('share' in d.validation) validationGroups = split.filter((g) => g.validation.length).map((g) => new FileSource(g.name, g.validation, store));
  }
  if (!('share' in d.validation)) {
    if ('generated' in d.validation) validationGroups = [generated(d.validation, config.seed + 1, '-validation')];
    else {
      const groups = await filesOf(await groupSpecs(d.validation, baseDir), baseDir);
      validationGroups = groups.filter((g) => g.files.length).map((g) => new FileSource(g.name, g.files, store));
    }
  } else if ('generated' in d.train) {
    validationGroups = [generated(d.train, config.seed + 1, '-validation')];
  }
  const empty = trainGroups.filter((g) => g.size === 0);
  if (empty.length) throw new TrainError('no-data', `training group(s) with no audio files: ${empty.map((g) => g.name).join(', ')}`);

  const loader = new BatchLoader({
    groups: trainGroups,
    sampleRate,
    batchSize: config.batchSize,
    samples,
    salience: d.salience,
    augment: d.augment,
    seed: config.seed,
    prefetch: d.prefetch,
  });
  const valSamples = Math.max(hop, Math.floor((config.validation.seconds * sampleRate) / hop) * hop);
  const validation = await buildValidationSet(validationGroups, {
    count: config.validation.count,
    samples: valSamples,
    sampleRate,
    seed: config.seed,
    salience: d.salience,
  });
  return {
    loader,
    validation,
    summary: {
      train: trainGroups.map((g) => ({ name: g.name, items: g.size })),
      validation: validationGroups.map((g) => ({ name: g.name, items: g.size })),
    },
  };
}
