// Speech synthesis with espeak-ng, flite and festival: one utterance to a temporary WAV, then
// decoded to the target rate like every other file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeMono16 } from './decode.mjs';
import { run } from './sh.mjs';

/**
 * Voices per engine, split into train and test so that no voice (speaker) is in both. espeak-ng
 * voices are language × variant; test gets its own languages and every fifth variant.
 */
export const VOICES = {
  espeak: {
    trainLangs: { 'en-us': 'en', en: 'en', 'en-gb-scotland': 'en', 'en-gb-x-rp': 'en', 'en-029': 'en', 'en-us-nyc': 'en', de: 'de', es: 'es', 'es-419': 'es', it: 'it', ru: 'ru', cs: 'cs', 'pt-br': 'pt', bg: 'bg' },
    testLangs: { 'en-gb-x-gbclan': 'en', pl: 'pl', eo: 'eo' },
  },
  // kal is an 8 kHz diphone voice; the others are 16 kHz. slt (CMU ARCTIC) is test-only, in flite
  // and festival alike (same speaker).
  flite: { train: ['kal', 'kal16', 'awb', 'rms'], test: ['slt'] },
  festival: {
    train: [
      { voice: 'kal_diphone', lang: 'en', pkg: 'festvox-kallpc16k' },
      { voice: 'ked_diphone', lang: 'en', pkg: 'festvox-kdlpc16k' },
      { voice: 'lp_diphone', lang: 'it', pkg: 'festvox-italp16k' },
      { voice: 'pc_diphone', lang: 'it', pkg: 'festvox-itapc16k' },
    ],
    test: [{ voice: 'cmu_us_slt_arctic_hts', lang: 'en', pkg: 'festvox-us-slt-hts' }],
  },
};

/** espeak-ng variants (from `espeak-ng --voices=variant`), split by index: every fifth is test-only. */
export async function espeakVariants() {
  const r = await run('espeak-ng', ['--voices=variant'], { nice: false });
  const names = r.stdout
    .toString()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[4]?.replace('!v/', ''))
    .filter((v) => v && !/fast/i.test(v))
    .sort();
  return { train: names.filter((_, i) => i % 5 !== 0), test: names.filter((_, i) => i % 5 === 0) };
}

async function synth(cmd, args, text, rate, { latin1 = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vrvq-tts-'));
  try {
    const txt = join(dir, 'in.txt');
    const wav = join(dir, 'out.wav');
    writeFileSync(txt, latin1 ? Buffer.from(text, 'latin1') : text);
    const r = await run(cmd, args(txt, wav), { timeoutMs: 120_000 });
    if (r.code !== 0) return undefined;
    return await decodeMono16(wav, rate);
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** espeak-ng: voice "lang+variant", speed in words/min, pitch 0–99. */
export function espeak(text, { lang, variant, speed, pitch }, rate) {
  const voice = variant ? `${lang}+${variant}` : lang;
  return synth('espeak-ng', (txt, wav) => ['-v', voice, '-s', String(speed), '-p', String(pitch), '-f', txt, '-w', wav], text, rate);
}

/** flite: built-in voice, duration stretch and mean pitch. */
export function flite(text, { voice, stretch, f0 }, rate) {
  return synth(
    'flite',
    (txt, wav) => ['-voice', voice, '--setf', `duration_stretch=${stretch.toFixed(2)}`, '--setf', `int_f0_target_mean=${Math.round(f0)}`, '-f', txt, '-o', wav],
    text,
    rate,
  );
}

/** festival (text2wave): voice and duration stretch; Latin-1 text, as festival expects. */
export function festival(text, { voice, stretch }, rate) {
  return synth(
    'text2wave',
    (txt, wav) => ['-eval', `(voice_${voice})`, '-eval', `(Parameter.set 'Duration_Stretch ${stretch.toFixed(2)})`, '-o', wav, txt],
    text,
    rate,
    { latin1: true },
  );
}
