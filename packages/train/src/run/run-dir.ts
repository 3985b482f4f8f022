import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TrainError } from '../errors.js';

/** File names inside a run folder. */
export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  report: 'report.html',
  checkpoints: 'checkpoints',
  latest: 'latest.json',
  /** The newest model weights, loadable by `VrvqCodec.fromWeights` / the CLI. */
  model: 'model.safetensors',
} as const;

let tmpCounter = 0;

/** Writes a file via a temporary sibling and a rename, so readers never see a partial file. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new TrainError('run-dir', `could not write '${path}': ${(e as Error).message}`);
  }
}

/** One line of `metrics.jsonl`. */
export interface MetricsRecord {
  type: 'train' | 'validation' | 'skip' | 'event';
  step: number;
  /** Seconds since the run started (wall clock, summed over resumed sessions). */
  time?: number;
  [key: string]: unknown;
}

/** Appends JSON lines to `metrics.jsonl`. */
export class MetricsLog {
  constructor(readonly path: string) {}

  async append(rec: MetricsRecord): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(rec)}\n`);
  }

  async readAll(): Promise<MetricsRecord[]> {
    const text = await readFile(this.path, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as MetricsRecord);
  }

  /** Drops records after `step` (a resumed run redoes those steps). */
  async truncateAfter(step: number): Promise<void> {
    const keep = (await this.readAll()).filter((r) => r.step <= step);
    await writeFileAtomic(this.path, keep.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}

export const runPath = (runDir: string, ...parts: string[]) => join(runDir, ...parts);
