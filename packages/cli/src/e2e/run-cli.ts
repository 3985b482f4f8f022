// Test helpers: run the built CLI as a subprocess and make WAV fixtures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '@vrvq/audio';

export const BIN = join(import.meta.dirname, '..', '..', 'dist', 'bin.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function vrvq(args: string[], opts: { input?: Uint8Array; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    cwd: opts.cwd,
    encoding: 'buffer',
    env: { ...process.env, VRVQ_MODELS_DIR: '/nonexistent' },
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

export function vrvqBytes(args: string[], input?: Uint8Array): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, env: { ...process.env, VRVQ_MODELS_DIR: '/nonexistent' }, maxBuffer: 1 << 28 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'vrvq-e2e-'));

/** A test signal: a chord with an on/off envelope (speech-like gaps) and a little noise. */
export function testSignal(seconds: number, rate: number, channels: number): Float32Array[] {
  const n = Math.round(seconds * rate);
  return Array.from({ length: channels }, (_, c) => {
    let seed = 12345 + c;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff - 0.5;
    };
    return Float32Array.from({ length: n }, (_, i) => {
      const t = i / rate;
      const gate = Math.floor(t * 3) % 3 === 2 ? 0 : 1;
      return gate * (0.3 * Math.sin(2 * Math.PI * (220 + 110 * c) * t) + 0.1 * Math.sin(2 * Math.PI * 1375 * t)) + 0.01 * rnd();
    });
  });
}

export function wavBytes(channels: Float32Array[], sampleRate: number, bitDepth: 16 | 24 | 32, float = false): Uint8Array {
  return encodeWav({ sampleRate, channels }, { bitDepth, float });
}

/** 8-bit unsigned PCM WAV, written by hand (the library writes 16/24/32 only). */
export function wav8(channels: Float32Array[], sampleRate: number): Uint8Array {
  const n = channels[0].length;
  const ch = channels.length;
  const out = new Uint8Array(44 + n * ch + ((n * ch) % 2));
  const dv = new DataView(out.buffer);
  const put = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) dv.setUint8(o + i, s.charCodeAt(i));
  };
  put(0, 'RIFF');
  dv.setUint32(4, out.length - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, 1, true);
  dv.setUint16(22, ch, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * ch, true);
  dv.setUint16(32, ch, true);
  dv.setUint16(34, 8, true);
  put(36, 'data');
  dv.setUint32(40, n * ch, true);
  for (let i = 0; i < n; i++) for (let c = 0; c < ch; c++) out[44 + i * ch + c] = Math.max(0, Math.min(255, Math.round(128 + 127 * channels[c][i])));
  return out;
}
