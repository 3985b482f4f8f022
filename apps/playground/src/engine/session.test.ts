import * as tf from '@tensorflow/tfjs-core';
import { decodeWav, encodeWav, siSdr } from '@vrvq/audio';
import { decodeFile } from '@vrvq/bitstream';
import { VrvqCodec, initBackend, weightsHash } from '@vrvq/core';
import { countsFromImportance } from '@vrvq/rvq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { melDistance } from '../dsp/mel-distance.js';
import { noise, sine } from '../dsp/test-signals.js';
import { PlaygroundError } from '../errors.js';
import { CancelToken } from './cancel.js';
import { PlaygroundSession } from './session.js';
import { hashPrefix } from './vrvq-file.js';

const PRESET = 'vrvq-micro'; // 16 kHz, hop 64, 4 codebooks of 64
let codec: VrvqCodec;
let session: PlaygroundSession;
let hash: string;

/** 0.9 s of a tone plus noise at 16 kHz (225 frames: a few model windows of 64). */
const signal = Float32Array.from(sine(14400, 220, 16000, 0.4), (v, i) => v + 0.05 * noise(14400, 4)[i]);
const pcm = { kind: 'pcm' as const, sampleRate: 16000, channels: [signal] };
const WINDOW = 64;

beforeAll(async () => {
  await initBackend('wasm');
  codec = new VrvqCodec(PRESET, 0);
  hash = await weightsHash(await codec.toWeights());
  session = new PlaygroundSession(codec, { name: PRESET, hash });
});
afterAll(() => codec.dispose());

describe('PlaygroundSession', () => {
  it('encodes once; decoding any counts equals decoding the whole signal at once, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const enc = await session.encode(pcm, new CancelToken(), (d) => progress.push(d));
    expect(enc.frames).toBe(14400 / 64);
    expect(enc.p).not.toBeNull();
    expect(progress.at(-1)).toBe(enc.frames);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const counts = Uint8Array.from(countsFromImportance(enc.p!, 0.7, 4));
    const dec = await session.decode([counts], new CancelToken());
    expect(dec.audio[0].length).toBe(signal.length);
    expect(tf.memory().numTensors).toBe(before);

    // reference: the whole-signal path of @vrvq/core
    const whole = tf.tidy(() => {
      const a = codec.analyze(tf.tensor3d(signal, [1, signal.length, 1]));
      const y = codec.decodeCodes(a.codes, tf.tensor2d(Int32Array.from(counts), [1, counts.length], 'int32'));
      return { codes: a.codes.dataSync().slice(), p: a.p!.dataSync().slice(), y: y.dataSync().slice() };
    });
    expect(Array.from(enc.p!)).toEqual(Array.from(whole.p));
    let maxDiff = 0;
    for (let i = 0; i < signal.length; i++) maxDiff = Math.max(maxDiff, Math.abs(dec.audio[0][i] - whole.y[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('more codebooks decode to a different signal (the re-mask reaches the decoder)', async () => {
    const enc = await session.encode(pcm, new CancelToken());
    const one = await session.decode([new Uint8Array(enc.frames).fill(1)], new CancelToken());
    const a = one.audio[0].slice();
    const all = await session.decode([new Uint8Array(enc.frames).fill(4)], new CancelToken());
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - all.audio[0][i]);
    expect(diff).toBeGreaterThan(1e-3);
  });

  it('computes mel distance and SI-SDR of the last decode against the reference', async () => {
    const enc = await session.encode(pcm, new CancelToken());
    const dec = await session.decode([new Uint8Array(enc.frames).fill(2)], new CancelToken());
    const m = await session.metrics(new CancelToken());
    expect(m).not.toBeNull();
    expect(m!.melDistance).toBeCloseTo(melDistance(enc.reference, dec.audio[0], 16000), 9);
    expect(m!.siSdr).toBeCloseTo(siSdr(dec.audio[0], enc.reference), 9);
  });

  it('writes .vrvq files with the CLI header conventions, and reads them back to the same decode', async () => {
    const enc = await session.encode(pcm, new CancelToken());
    const counts = Uint8Array.from(countsFromImportance(enc.p!, 0.5, 4));
    const direct = (await session.decode([counts], new CancelToken())).audio[0].slice();
    for (const coding of ['raw', 'entropy'] as const) {
      const bytes = session.exportVrvq([counts], { mode: 'vbr', level: 0.5 }, coding);
      const file = decodeFile(bytes);
      expect(file.header.modelName).toBe(PRESET);
      expect(Array.from(file.header.weightsHash)).toEqual(Array.from(hashPrefix(hash)));
      expect(file.header.originalLength).toBe(signal.length);
      expect(file.header.rate).toEqual({ mode: 'vbr', level: 0.5 });
      expect(Array.from(file.channels[0].counts)).toEqual(Array.from(counts));

      const opened = session.openVrvq(bytes);
      expect(opened.frames).toBe(enc.frames);
      expect(Array.from(opened.counts[0])).toEqual(Array.from(counts));
      const again = await session.decode(opened.counts, new CancelToken());
      expect(Array.from(again.audio[0])).toEqual(Array.from(direct));
      expect(await session.metrics(new CancelToken())).toBeNull(); // no reference for an opened file
      // a file holds only its own codebooks
      await expect(session.decode([new Uint8Array(enc.frames).fill(4)], new CancelToken())).rejects.toThrow(/file holds/);
      await session.encode(pcm, new CancelToken());
    }
  });

  it('refuses a file made by another model, naming it', async () => {
    const other = new PlaygroundSession(codec, { name: 'vrvq-micro', hash: '00'.repeat(32) });
    await other.encode(pcm, new CancelToken());
    const bytes = other.exportVrvq([new Uint8Array(225).fill(1)], { mode: 'cbr', n: 1 }, 'raw');
    try {
      session.openVrvq(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlaygroundError);
      expect((e as PlaygroundError).code).toBe('MODEL_MISMATCH');
      expect((e as PlaygroundError).detail?.modelName).toBe('vrvq-micro');
    }
    expect(() => session.openVrvq(new Uint8Array([1, 2, 3]))).toThrow(PlaygroundError);
  });

  it('writes the decode as WAV at the original rate and length; takes files at other rates and channel counts', async () => {
    const stereo48 = encodeWav({ sampleRate: 48000, channels: [noise(4800, 1, 0.3), noise(4800, 2, 0.3)] });
    const enc = await session.encode({ kind: 'bytes', bytes: stereo48, name: 'x.wav' }, new CancelToken());
    expect(enc.originalChannels).toBe(2);
    expect(enc.originalSampleRate).toBe(48000);
    expect(enc.reference.length).toBe(1600);
    expect(enc.frames).toBe(25);
    await session.decode([new Uint8Array(25).fill(3)], new CancelToken());
    const wav = decodeWav(session.exportWav());
    expect(wav.sampleRate).toBe(48000);
    expect(wav.channels[0].length).toBe(4800);
  });

  it('stops a running encode when cancelled and stays usable', async () => {
    const token = new CancelToken();
    const long = new Float32Array(64 * WINDOW * 6);
    const job = session.encode({ kind: 'pcm', sampleRate: 16000, channels: [long] }, token, (d) => {
      if (d > 0) token.cancel();
    });
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
    const enc = await session.encode(pcm, new CancelToken());
    expect(enc.frames).toBe(225);
  });

  it('rejects bad input with codes', async () => {
    await expect(session.encode({ kind: 'bytes', bytes: new Uint8Array([0, 1, 2, 3]), name: 'x.bin' }, new CancelToken())).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await session.encode(pcm, new CancelToken());
    await expect(session.decode([new Uint8Array(225).fill(5)], new CancelToken())).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const fresh = new PlaygroundSession(codec, { name: PRESET, hash });
    expect(() => fresh.exportWav()).toThrow(/decoded/);
  });
});
