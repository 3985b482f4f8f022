import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav } from '@vrvq/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioStore } from './audio-store.js';
import { groupsFromDirectory, listAudioFiles, parseListFile, splitHeldOut } from './files.js';
import { FileSource } from './sources.js';

let dir: string;
const tone = (sr: number, n: number, ch = 1) => encodeWav({ sampleRate: sr, channels: Array.from({ length: ch }, (_, c) => Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin(i * 0.05 * (c + 1)))) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vrvq-train-files-'));
  await mkdir(join(dir, 'speech', 'a'), { recursive: true });
  await mkdir(join(dir, 'music'));
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'speech', 'a', 'x.wav'), tone(16000, 1600));
  await writeFile(join(dir, 'speech', 'y.WAV'), tone(16000, 800));
  await writeFile(join(dir, 'music', 'z.wav'), tone(48000, 4800, 2));
  await writeFile(join(dir, 'music', 'notes.txt'), 'not audio');
  await writeFile(join(dir, 'list.tsv'), 'path\tgroup\nspeech/y.WAV\ts\n# comment\nmusic/z.wav\tm\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file discovery', () => {
  it('lists audio recursively (sorted), from list files, or a single file', async () => {
    expect((await listAudioFiles(join(dir, 'speech'))).map((p) => p.slice(dir.length))).toEqual(['/speech/a/x.wav', '/speech/y.WAV']);
    expect((await listAudioFiles(join(dir, 'list.tsv'))).map((p) => p.slice(dir.length))).toEqual(['/music/z.wav', '/speech/y.WAV']);
    expect(parseListFile('a.wav\n\n#c\n/abs/b.flac\n', '/root/l.txt')).toEqual(['/root/a.wav', '/abs/b.flac']);
    await expect(listAudioFiles(join(dir, 'nope'))).rejects.toMatchObject({ code: 'no-data' });
  });

  it('turns sub-folders with audio into groups, or follows a manifest.tsv', async () => {
    expect((await groupsFromDirectory(dir)).map((g) => g.name)).toEqual(['music', 'speech']);
    await writeFile(join(dir, 'manifest.tsv'), 'path\tgroup\tseconds\nspeech/y.WAV\tvoice\t0.05\nmusic/z.wav\tsongs\t0.1\n');
    const g = await groupsFromDirectory(dir);
    expect(g.map((x) => x.name)).toEqual(['songs', 'voice']);
    expect(g[1].paths).toEqual([join(dir, 'speech', 'y.WAV')]);
    await rm(join(dir, 'manifest.tsv'));
  });

  it('splits held-out files deterministically by path', () => {
    const files = Array.from({ length: 200 }, (_, i) => `/d/f${i}.wav`);
    const a = splitHeldOut(files, 0.1, 0, '/d');
    const b = splitHeldOut(files, 0.1, 0, '/d');
    expect(a).toEqual(b);
    expect(a.validation.length).toBeGreaterThan(8);
    expect(a.validation.length).toBeLessThan(35);
    expect(a.train.length + a.validation.length).toBe(200);
    const two = splitHeldOut(['/d/a.wav', '/d/b.wav'], 0.01, 0, '/d');
    expect([two.train.length, two.validation.length]).toEqual([1, 1]);
  });
});

describe('AudioStore', () => {
  it('decodes, mixes to mono, resamples, caches and shares concurrent loads', async () => {
    let reads = 0;
    const { readFile } = await import('node:fs/promises');
    const store = new AudioStore(16000, 1, async (p) => {
      reads++;
      return readFile(p);
    });
    const path = join(dir, 'music', 'z.wav');
    const [a, b] = await Promise.all([store.load(path), store.load(path)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    expect(Math.abs(a.length - 1600)).toBeLessThanOrEqual(1);
    const src = decodeWav(tone(48000, 4800, 2));
    expect(src.channels.length).toBe(2);
    await store.load(path);
    expect(reads).toBe(1);
    expect(store.cachedBytes).toBe(a.byteLength);
    await expect(store.load(join(dir, 'music', 'notes.txt'))).rejects.toMatchObject({ code: 'decode-failed' });
  });
});

describe('FileSource with unreadable files', () => {
  it('skips a missing or corrupt file once, with a warning, and serves the next readable one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrvq-src-'));
    const good = join(dir, 'good.wav');
    writeFileSync(good, encodeWav({ sampleRate: 8000, channels: [new Float32Array(800).fill(0.25)] }));
    const bad = join(dir, 'bad.wav');
    writeFileSync(bad, 'not audio');
    const warnings: string[] = [];
    const src = new FileSource('g', [join(dir, 'gone.wav'), bad, good], new AudioStore(8000, 1), (m) => warnings.push(m));
    const x = await src.load(0);
    expect(x.length).toBe(800);
    expect(warnings).toHaveLength(2);
    expect([...src.failed.keys()]).toEqual([join(dir, 'gone.wav'), bad]);
    await src.load(1);
    expect(warnings).toHaveLength(2); // reported once
    const none = new FileSource('h', [bad], new AudioStore(8000, 1), () => {});
    await expect(none.load(0)).rejects.toMatchObject({ code: 'decode-failed' });
  });
});
