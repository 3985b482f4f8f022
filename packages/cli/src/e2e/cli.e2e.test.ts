import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, parseWavHeader } from '@vrvq/audio';
import { clipBits, clipKbps } from '@vrvq/rvq';
import { decodeFile, rawPayloadBits } from '@vrvq/bitstream';
import { describe, expect, it } from 'vitest';
import { tempDir, testSignal, vrvq, vrvqBytes, wav8, wavBytes } from './run-cli.js';

const M = ['--model', 'vrvq-micro', '-q'];

function roundTrip(dir: string, name: string, bytes: Uint8Array, encodeArgs: string[] = [], decodeArgs: string[] = []) {
  const src = join(dir, `${name}.wav`);
  writeFileSync(src, bytes);
  const enc = vrvq(['encode', src, ...M, ...encodeArgs, '--json']);
  expect(enc.stderr).toBe('');
  expect(enc.status).toBe(0);
  const out = join(dir, `${name}.out.wav`);
  const dec = vrvq(['decode', join(dir, `${name}.vrvq`), '-o', out, ...M, ...decodeArgs]);
  expect(dec.stderr).toBe('');
  expect(dec.status).toBe(0);
  return { src, out, encoded: JSON.parse(enc.stdout)[0], decoded: readFileSync(out) };
}

describe('vrvq encode/decode round trips over real WAV files', () => {
  const dir = tempDir();
  const cases: Array<[string, number, number, (c: Float32Array[], r: number) => Uint8Array, number]> = [
    ['mono 16 kHz 16-bit', 16000, 1, (c, r) => wavBytes(c, r, 16), 16],
    ['stereo 44.1 kHz 24-bit', 44100, 2, (c, r) => wavBytes(c, r, 24), 24],
    ['mono 48 kHz float', 48000, 1, (c, r) => wavBytes(c, r, 32, true), 32],
    ['stereo 22.05 kHz 8-bit', 22050, 2, (c, r) => wav8(c, r), 8],
  ];
  for (const [label, rate, channels, make] of cases) {
    it(`${label}: original length, rate and channels come back`, () => {
      const frames = Math.round(1.37 * rate);
      const { decoded, encoded } = roundTrip(dir, label.replace(/\W+/g, '_'), make(testSignal(1.37, rate, channels), rate));
      const h = parseWavHeader(decoded);
      expect(h.sampleRate).toBe(rate);
      expect(h.channels).toBe(channels);
      expect(h.frames).toBe(frames);
      expect(h.bitDepth).toBe(16); // default output format
      expect(encoded.duration).toBeCloseTo(frames / rate, 9);
      const audio = decodeWav(decoded);
      for (const c of audio.channels) expect(c.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
    });
  }

  it('decode honours --sample-rate and --format (24-bit, float)', () => {
    const src = wavBytes(testSignal(0.8, 16000, 1), 16000, 16);
    const a = roundTrip(dir, 'fmt24', src, [], ['--format', '24', '--sample-rate', '44100']);
    const h = parseWavHeader(a.decoded);
    expect([h.sampleRate, h.bitDepth, h.frames]).toEqual([44100, 24, Math.round(0.8 * 44100)]);
    const b = roundTrip(dir, 'fmtf', src, [], ['--format', 'float']);
    const hb = parseWavHeader(b.decoded);
    expect([hb.format, hb.bitDepth, hb.frames]).toEqual(['float', 32, 12800]);
  });

  it('eval reports finite metrics, and SI-SDR of a file against itself is very high', () => {
    const src = join(dir, 'e.wav');
    writeFileSync(src, wavBytes(testSignal(1, 16000, 2), 16000, 16));
    const self = vrvq(['eval', src, src, '--json']);
    expect(self.status).toBe(0);
    const m = JSON.parse(self.stdout);
    expect(m.siSdr).toBeGreaterThan(60);
    expect(m.melDistance).toBeLessThan(1e-6);
    const { out } = roundTrip(dir, 'e2', readFileSync(src));
    const r = JSON.parse(vrvq(['eval', src, out, '--json']).stdout);
    for (const k of ['melDistance', 'stftDistance', 'siSdr']) expect(Number.isFinite(r[k])).toBe(true);
    expect(r.melDistance).toBeGreaterThan(0);
  });

  it('the bitrate it reports is the bit count of the file (rvq accounting + documented framing)', () => {
    const { encoded } = roundTrip(dir, 'kb', wavBytes(testSignal(2, 16000, 1), 16000, 16), ['--level', '0.7']);
    const file = decodeFile(readFileSync(join(dir, 'kb.vrvq')));
    const counts = file.channels[0].counts;
    const cfg = { nCodebooks: 4, codebookSize: 64, sampleRate: 16000, hop: 64 };
    const expectedPayloadSide = clipKbps(counts, cfg, 'vbr') * (counts.length * 64 / 16000) / 2; // per second of input
    expect((encoded.kbps.payload + encoded.kbps.sideInfo)).toBeCloseTo(expectedPayloadSide, 6);
    // bitstream's raw bit count and rvq's bit accounting agree to the bit
    const b = clipBits(counts, cfg, 'vbr');
    expect(rawPayloadBits(counts, 4, 64, 'vbr')).toBe(b.payload + b.sideInfo);
    expect(rawPayloadBits(counts, 4, 64, 'cbr')).toBe(clipBits(counts, cfg, 'cbr').total);
    const info = JSON.parse(vrvq(['info', join(dir, 'kb.vrvq'), '--json']).stdout);
    expect(info.rate).toEqual({ mode: 'vbr', level: expect.closeTo(0.7, 6) });
    expect(info.frames).toBe(counts.length);
    expect(info.kbps.payload).toBeCloseTo(encoded.kbps.payload, 6);
  });

  it('--kbps lands on the requested rate (or reports the nearest), --cbr is constant', () => {
    const src = wavBytes(testSignal(3, 16000, 1), 16000, 16);
    const k = roundTrip(dir, 'k', src, ['--kbps', '12']).encoded;
    const total = k.kbps.payload + k.kbps.sideInfo;
    if (k.targetStatus === undefined || k.targetStatus === 'ok') expect(Math.abs(total - 12) / 12).toBeLessThan(0.03);
    const c = roundTrip(dir, 'c', src, ['--cbr', '2']).encoded;
    expect(c.level).toBeNull();
    expect(c.kbps.sideInfo).toBe(0);
    expect(c.kbps.payload).toBeCloseTo((2 * 6 * 250 * Math.ceil(3 * 250) / 250) / 3 / 1000, 2);
  });

  it('--entropy files decode to the same audio as raw files', () => {
    const src = wavBytes(testSignal(1.5, 16000, 1), 16000, 16);
    const raw = roundTrip(dir, 'raw', src);
    const ent = roundTrip(dir, 'ent', src, ['--entropy']);
    expect(Buffer.compare(raw.decoded, ent.decoded)).toBe(0);
    expect(ent.encoded.bytes).toBeLessThanOrEqual(raw.encoded.bytes + 16);
  });

  it('encodes a folder into a folder, and streams through stdin/stdout', () => {
    const inDir = join(dir, 'batch');
    mkdirSync(inDir);
    writeFileSync(join(inDir, 'a.wav'), wavBytes(testSignal(0.5, 16000, 1), 16000, 16));
    writeFileSync(join(inDir, 'b.wav'), wavBytes(testSignal(0.6, 8000, 1), 8000, 16));
    const outDir = join(dir, 'batch-out');
    expect(vrvq(['encode', inDir, '-o', outDir, ...M]).status).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['a.vrvq', 'b.vrvq']);
    const wav = wavBytes(testSignal(0.5, 16000, 1), 16000, 16);
    const enc = vrvqBytes(['encode', '-', '-o', '-', ...M], wav);
    expect(enc.status).toBe(0);
    const dec = vrvqBytes(['decode', '-', '-o', '-', ...M], enc.stdout);
    expect(dec.status).toBe(0);
    expect(parseWavHeader(new Uint8Array(dec.stdout)).frames).toBe(8000);
  });
});

describe('vrvq on bad input: one clear line on stderr, non-zero exit, no partial output', () => {
  const dir = tempDir();
  const good = join(dir, 'good.wav');
  writeFileSync(good, wavBytes(testSignal(0.5, 16000, 1), 16000, 16));
  const goodVrvq = join(dir, 'good.vrvq');
  vrvq(['encode', good, '-o', goodVrvq, ...M]);

  const expectClean = (r: { status: number; stderr: string }, code: number, pattern: RegExp) => {
    expect(r.status).toBe(code);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vrvq: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  };
  const noLeftovers = () => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

  it('missing file', () => expectClean(vrvq(['encode', join(dir, 'nope.wav'), ...M]), 3, /no such file/));
  it('non-audio bytes', () => {
    const f = join(dir, 'text.wav');
    writeFileSync(f, 'this is not audio at all, just text');
    expectClean(vrvq(['encode', f, ...M]), 3, /audio|WAV/i);
    expect(existsSync(join(dir, 'text.vrvq'))).toBe(false);
  });
  it('empty file', () => {
    const f = join(dir, 'empty.wav');
    writeFileSync(f, new Uint8Array(0));
    expectClean(vrvq(['encode', f, ...M]), 3, /empty/);
  });
  it('zero-length audio', () => {
    const f = join(dir, 'zero.wav');
    writeFileSync(f, wavBytes([new Float32Array(0)], 16000, 16));
    expectClean(vrvq(['encode', f, ...M]), 3, /no audio samples/);
  });
  it('NaN samples', () => {
    const bytes = wavBytes(testSignal(0.3, 16000, 1), 16000, 32, true);
    const h = parseWavHeader(bytes);
    new DataView(bytes.buffer, bytes.byteOffset).setFloat32(h.dataOffset + 4 * 100, Number.NaN, true);
    const f = join(dir, 'nan.wav');
    writeFileSync(f, bytes);
    expectClean(vrvq(['encode', f, ...M]), 3, /NaN|non-finite/i);
    expect(existsSync(join(dir, 'nan.vrvq'))).toBe(false);
    noLeftovers();
  });
  it('corrupt .vrvq (flipped bits)', () => {
    const bytes = new Uint8Array(readFileSync(goodVrvq));
    bytes[Math.floor(bytes.length * 0.6)] ^= 0x5a;
    const f = join(dir, 'flip.vrvq');
    writeFileSync(f, bytes);
    expectClean(vrvq(['decode', f, ...M]), 3, /CRC|corrupt|invalid/i);
    expect(existsSync(join(dir, 'flip.wav'))).toBe(false);
    noLeftovers();
  });
  it('truncated .vrvq', () => {
    const bytes = readFileSync(goodVrvq);
    const f = join(dir, 'trunc.vrvq');
    writeFileSync(f, bytes.subarray(0, bytes.length - 9));
    expectClean(vrvq(['decode', f, ...M]), 3, /truncated|end/i);
    expect(existsSync(join(dir, 'trunc.wav'))).toBe(false);
  });
  it('a .vrvq made by a different model', () => {
    expectClean(vrvq(['decode', goodVrvq, '-o', join(dir, 'x.wav'), '--model', 'vrvq-tiny-24k', '-q']), 3, /made by model 'vrvq-micro'/);
  });
  it('unwritable output', () => {
    expectClean(vrvq(['encode', good, '-o', join(dir, 'no-such-dir', 'x.vrvq'), ...M]), 4, /cannot write/);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const r = vrvq(['encode', good, '-o', join(ro, 'x.vrvq'), ...M]);
    chmodSync(ro, 0o700);
    if (process.getuid?.() !== 0) expectClean(r, 4, /cannot write/); // root may write anyway
  });
  it('bad command lines exit 2', () => {
    expectClean(vrvq(['encode', good, '--levle', '2']), 2, /Unknown option/);
    expectClean(vrvq(['encode', good, '--cbr', '9', ...M]), 2, /--cbr must be/);
    expectClean(vrvq(['encode', good, '--cbr', '2', '--level', '1', ...M]), 2, /only one of/);
    expectClean(vrvq(['frobnicate']), 2, /unknown command/);
  });
  it('--help works for every command and shows examples', () => {
    for (const c of ['encode', 'decode', 'info', 'eval', 'roundtrip', 'presets', 'train', 'bench']) {
      const r = vrvq([c, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`vrvq ${c}`));
    }
    expect(vrvq(['--help']).stdout).toMatch(/Commands:/);
  });
});

describe('vrvq train', () => {
  it('resumes a run with its own config when --config is not given, and refuses other changes', () => {
    const dir = tempDir();
    const data = join(dir, 'data', 'tones');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'a.wav'), wavBytes(testSignal(1.5, 16000, 1), 16000, 16));
    const run = join(dir, 'run');
    const common = ['--set', 'validation.every=1000', '--set', 'checkpoint.every=1000', '--set', 'data.validation.share=0', '--set', 'logEvery=1', '-q'];
    // a non-default config: model, mode and data all differ from the tiny-cpu preset
    const first = vrvq(['train', '--model', 'vrvq-micro', '--mode', 'cbr', '--data', join(dir, 'data'), '--run', run, '--steps', '2', ...common]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const resumed = vrvq(['train', '--run', run, '--resume', '--steps', '3', '-q']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const steps = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.type === 'train')
      .map((r) => r.step);
    expect(steps).toEqual([1, 2, 3]);
    expect(JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).mode).toBe('cbr');
    // an explicit --config that differs from the run is refused with the differing settings named
    const other = vrvq(['train', '--config', 'tiny-cpu', '--run', run, '--resume', '--steps', '4', '-q']);
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/cannot resume with a different config: .*model/);
  });
});
