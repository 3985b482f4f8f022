import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainConfig } from './load-config.js';
import { PAPER_44K } from './presets.js';

describe('loadTrainConfig', () => {
  it('reads presets, full JSON files and { extends } files, then applies overrides', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vrvq-cfg-'));
    try {
      expect((await loadTrainConfig('tiny-cpu', { data: { train: { dir: 'd/train' } } })).data.train).toEqual({ dir: 'd/train' });
      await writeFile(join(dir, 'full.json'), JSON.stringify({ ...PAPER_44K, name: 'mine', steps: 7 }));
      expect((await loadTrainConfig(join(dir, 'full.json'))).steps).toBe(7);
      await writeFile(join(dir, 'ext.json'), JSON.stringify({ extends: 'tiny-cpu', name: 'ext', batchSize: 2 }));
      const c = await loadTrainConfig(join(dir, 'ext.json'), { steps: 5 });
      expect([c.name, c.batchSize, c.steps, c.model]).toEqual(['ext', 2, 5, 'vrvq-tiny-24k']);
      await writeFile(join(dir, 'bad.json'), '{ nope');
      await expect(loadTrainConfig(join(dir, 'bad.json'))).rejects.toThrow(/not valid JSON/);
      await expect(loadTrainConfig(join(dir, 'missing.json'))).rejects.toThrow(/neither a built-in training config/);
      await writeFile(join(dir, 'ext2.json'), JSON.stringify({ extends: 'tiny-cpu', lambdas: { mel: -1 } }));
      await expect(loadTrainConfig(join(dir, 'ext2.json'))).rejects.toThrow(/lambdas\.mel must be ≥ 0/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
