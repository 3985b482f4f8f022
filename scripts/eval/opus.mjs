// Opus reference points: encode with `opusenc` (Debian opus-tools), decode with `opusdec`, count
// only the audio packet bytes (see ogg.mjs), and check the decoded signal lines up with the input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav } from '../../packages/audio/dist/index.js';
import { EvaluationError } from './errors.mjs';
import { opusPayload } from './ogg.mjs';

/** `opusenc --version`'s first line, or null when opus-tools is not installed. */
export function opusToolsVersion() {
  const enc = spawnSync('opusenc', ['--version'], { encoding: 'utf8' });
  const dec = spawnSync('opusdec', ['--version'], { encoding: 'utf8' });
  if (enc.error || dec.error || enc.status !== 0) return null;
  return enc.stdout.split('\n')[0].trim();
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').slice(-2).join(' ');
    throw new EvaluationError('opus_failed', `${cmd} ${args.join(' ')} failed: ${why}`);
  }
}

/**
 * Lag (in samples, within ±maxLag) at which `deg` best matches `ref` by normalised cross-correlation
 * over the whole signal, and that correlation. Null when the reference is (near) silent.
 * @param {Float32Array} ref
 * @param {Float32Array} deg
 * @param {number} maxLag
 * @returns {{ lag: number, corr: number, corrAtZero: number } | null}
 */
export function bestLag(ref, deg, maxLag) {
  const n = Math.min(ref.length, deg.length);
  let er = 0;
  let ed = 0;
  for (let i = 0; i < n; i++) {
    er += ref[i] * ref[i];
    ed += deg[i] * deg[i];
  }
  if (er / n < 1e-8 || ed / n < 1e-10) return null; // below −80 dBFS: nothing to line up
  const norm = Math.sqrt(er * ed);
  let best = { lag: 0, corr: Number.NEGATIVE_INFINITY, corrAtZero: 0 };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let s = 0;
    const lo = Math.max(0, -lag);
    const hi = Math.min(n, n - lag);
    for (let i = lo; i < hi; i++) s += ref[i] * deg[i + lag];
    const c = s / norm;
    if (lag === 0) best.corrAtZero = c;
    if (c > best.corr) best = { ...best, lag, corr: c };
  }
  return best;
}

/**
 * One Opus round trip of a mono clip.
 * @param {Float32Array} x mono samples at `sampleRate`
 * @param {number} sampleRate input and decode rate (opusdec --rate)
 * @param {number} kbps target bitrate given to opusenc
 * @param {'vbr' | 'cbr'} mode `--vbr` or `--hard-cbr`
 * @returns {{ decoded: Float32Array, kbps: number, payloadBytes: number, packets: number,
 *   containerBytes: number, modes: Record<string, number>, lengthDiff: number, lag: number | null,
 *   lagCorr: number | null }}
 */
export function opusRoundTrip(x, sampleRate, kbps, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'vrvq-opus-'));
  try {
    const wavIn = join(dir, 'in.wav');
    const opusFile = join(dir, 'out.opus');
    const wavOut = join(dir, 'out.wav');
    writeFileSync(wavIn, encodeWav({ sampleRate, channels: [x] }, { float: true }));
    run('opusenc', ['--quiet', '--bitrate', String(kbps), mode === 'vbr' ? '--vbr' : '--hard-cbr', wavIn, opusFile]);
    const info = opusPayload(new Uint8Array(readFileSync(opusFile)));
    run('opusdec', ['--quiet', '--rate', String(sampleRate), '--float', opusFile, wavOut]);
    const out = decodeWav(new Uint8Array(readFileSync(wavOut)));
    if (out.sampleRate !== sampleRate || out.channels.length !== 1) {
      throw new EvaluationError('opus_failed', `opusdec wrote ${out.channels.length} channel(s) at ${out.sampleRate} Hz; expected mono at ${sampleRate} Hz.`);
    }
    const raw = out.channels[0];
    // opusdec drops the pre-skip and trims the end to the last granule position, so the decoded
    // length should equal the input's; fit it exactly and record any difference.
    const decoded = new Float32Array(x.length);
    decoded.set(raw.subarray(0, x.length));
    const lag = bestLag(x, decoded, 64);
    return {
      decoded,
      kbps: (info.payloadBytes * 8) / (x.length / sampleRate) / 1000,
      payloadBytes: info.payloadBytes,
      packets: info.packets,
      containerBytes: info.containerBytes,
      modes: info.modes,
      lengthDiff: raw.length - x.length,
      lag: lag ? lag.lag : null,
      lagCorr: lag ? lag.corr : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
