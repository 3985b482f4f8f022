import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CheckpointContents, loadLatestCheckpoint, saveCheckpoint } from './checkpoint.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const contents = (step: number): CheckpointContents => ({
  meta: { step, dataCursor: step * 2, seed: 9, elapsed: step / 10, optimizerG: { step }, optimizerD: { step: step - 1 }, skipped: 1 },
  modelWeights: new Uint8Array([1, 2, step]),
  averageWeights: step === 40 ? null : new Uint8Array([7, step]),
  discriminator: new Map([['discriminators.0.conv_post.bias', { name: 'discriminators.0.conv_post.bias', shape: [1], data: new Float32Array([step]) }]]),
  optimizerG: { step, tensors: { 'encoder.w.weight_v': { shape: [2, 1], data: new Float32Array([0.5, step]) } } },
  optimizerD: { step: step - 1, tensors: { 'discriminators.0.conv_post.bias': { shape: [1], data: new Float32Array([-step]) } } },
});

describe('checkpoints', () => {
  it('round-trip every part, keep the newest N, and ignore leftovers of an interrupted write', async () => {
    const run = await mkdtemp(join(tmpdir(), 'vrvq-ckpt-'));
    dirs.push(run);
    expect(await loadLatestCheckpoint(run)).toBeNull();
    await mkdir(join(run, 'checkpoints', '.tmp-step-00000099-1'), { recursive: true });
    await writeFile(join(run, 'checkpoints', '.tmp-step-00000099-1', 'model.safetensors'), 'partial');
    for (const s of [10, 20, 30]) await saveCheckpoint(run, contents(s), 2);
    const names = (await readdir(join(run, 'checkpoints'))).filter((n) => n.startsWith('step-'));
    expect(names).toEqual(['step-00000020', 'step-00000030']);
    const c = (await loadLatestCheckpoint(run))!;
    const e = contents(30);
    expect(c.meta).toEqual(e.meta);
    expect(Array.from(c.modelWeights)).toEqual([1, 2, 30]);
    expect(Array.from(c.averageWeights!)).toEqual([7, 30]);
    expect(c.discriminator!.get('discriminators.0.conv_post.bias')!.data).toEqual(new Float32Array([30]));
    expect(c.optimizerG.step).toBe(30);
    expect(c.optimizerG.tensors['encoder.w.weight_v']).toEqual({ shape: [2, 1], data: new Float32Array([0.5, 30]) });
    expect(c.optimizerD!.tensors['discriminators.0.conv_post.bias'].data).toEqual(new Float32Array([-30]));
    await saveCheckpoint(run, contents(40), 2);
    expect((await loadLatestCheckpoint(run))!.averageWeights).toBeNull(); // a run without averaging
    await rm(join(run, 'checkpoints', 'step-00000040', 'train-state.safetensors'));
    await expect(loadLatestCheckpoint(run)).rejects.toMatchObject({ code: 'checkpoint-missing' });
  });
});
