// Any input file → mono Int16 samples at the target rate, through ffmpeg (soxr resampler); MIDI
// files are rendered with fluidsynth and the General MIDI soundfont first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runOk } from './sh.mjs';

export const SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';

/** Decodes with ffmpeg: mono (channel mean), resampled with soxr, 16-bit; undefined on failure. */
export async function decodeMono16(path, rate) {
  const args = ['-nostdin', '-v', 'error', '-i', path, '-vn', '-ac', '1', '-af', `aresample=resampler=soxr:osr=${rate}`, '-f', 's16le', '-acodec', 'pcm_s16le', '-'];
  const r = await run('ffmpeg', args, { timeoutMs: 10 * 60_000 });
  if (r.code !== 0 || r.stdout.length < 2) return undefined;
  const buf = r.stdout;
  const n = Math.floor(buf.length / 2);
  return new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + 2 * n)); // little-endian host
}

/** Renders a MIDI file to a temporary WAV with fluidsynth, then decodes it. */
export async function renderMidi(path, rate) {
  const dir = mkdtempSync(join(tmpdir(), 'vrvq-midi-'));
  try {
    const wav = join(dir, 'out.wav');
    // Render at the target rate (fluidsynth band-limits its voices), or 44.1 kHz for low targets.
    const synthRate = rate >= 22050 ? rate : 44100;
    await runOk('fluidsynth', ['-ni', '-q', '-g', '0.5', '-r', String(synthRate), '-F', wav, SOUNDFONT, path], { timeoutMs: 10 * 60_000 });
    return await decodeMono16(wav, rate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
