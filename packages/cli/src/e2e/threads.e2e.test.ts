import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testSignal, vrvq, vrvqBytes, wavBytes } from './run-cli.js';

// --threads N runs the model on worker threads (dist/inference-worker.js): the files must be the
// same bytes as with one thread. vrvq-micro's windows are 1024 frames (4.1 s at 16 kHz), so 9.5 s
// of stereo is six windows.

const M = ['--model', 'vrvq-micro', '-q'];

describe('vrvq --threads', () => {
  const dir = tempDir();
  const src = join(dir, 'in.wav');
  writeFileSync(src, wavBytes(testSignal(9.5, 44100, 2), 44100, 16));

  it('encode and decode give the same bytes on 1 and 2 threads, to files and through pipes', () => {
    const files = [1, 2].map((t) => {
      const enc = vrvq(['encode', src, '-o', join(dir, `t${t}.vrvq`), '--threads', String(t), ...M]);
      expect(enc.stderr).toBe('');
      expect(enc.status).toBe(0);
      return readFileSync(join(dir, `t${t}.vrvq`));
    });
    expect(files[1].equals(files[0])).toBe(true);
    const wavs = [1, 2].map((t) => {
      const dec = vrvq(['decode', join(dir, 't1.vrvq'), '-o', join(dir, `t${t}.wav`), '--threads', String(t), ...M]);
      expect(dec.status).toBe(0);
      return readFileSync(join(dir, `t${t}.wav`));
    });
    expect(wavs[1].equals(wavs[0])).toBe(true);
    const piped = vrvqBytes(['encode', '-', '-o', '-', '--threads', '2', ...M], readFileSync(src));
    expect(piped.status).toBe(0);
    expect(piped.stdout.equals(files[0])).toBe(true);
    const decoded = [1, 2].map((t) => vrvqBytes(['decode', '-', '-o', '-', '--threads', String(t), ...M], files[0]));
    expect(decoded.map((d) => d.status)).toEqual([0, 0]);
    expect(decoded[1].stdout.length).toBeGreaterThan(9.5 * 44100 * 4);
    expect(decoded[1].stdout.equals(decoded[0].stdout)).toBe(true); // a WAV on a pipe: same samples, streaming header
  });

  it('roundtrip and bench report the threads they used', () => {
    const rt = vrvq(['roundtrip', src, '--threads', '2', '--json', ...M]);
    expect(rt.status).toBe(0);
    expect(JSON.parse(rt.stdout).threads).toBe(2);
    const bench = vrvq(['bench', '--seconds', '9', '--threads', '2', '--json', ...M]);
    expect(bench.status).toBe(0);
    const b = JSON.parse(bench.stdout);
    expect(b.threads).toBe(2);
    expect(b.roundTripRealTime).toBeGreaterThan(0);
  });

  it('bad --threads values exit 2 with one clear line', () => {
    for (const [args, msg] of [
      [['--threads', '0'], /--threads must be a whole number from 1 to 64 \(got '0'\)/],
      [['--threads', 'two'], /--threads must be a whole number/],
    ] as const) {
      const r = vrvq(['encode', src, '-o', join(dir, 'x.vrvq'), ...args, ...M]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
