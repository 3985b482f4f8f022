// Text for the TTS voices: fortune cookies (English and other languages) and the licence texts
// that every Debian system carries. Paragraphs are cleaned of ASCII art and split into utterances.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unitHash } from './rng.mjs';

/** Text packages by language code (the code used to pick voices). */
export const TEXT_PACKAGES = {
  en: ['fortunes-min', 'fortunes'],
  de: ['fortunes-de'],
  es: ['fortunes-es'],
  it: ['fortunes-it'],
  ru: ['fortunes-ru'],
  pl: ['fortunes-pl'],
  cs: ['fortunes-cs'],
  pt: ['fortunes-br'],
  eo: ['fortunes-eo'],
  ga: ['fortunes-ga'],
  bg: ['fortunes-bg'],
};

function decode(buf) {
  const utf8 = buf.toString('utf8');
  return utf8.includes('\uFFFD') ? buf.toString('latin1') : utf8;
}

/** Keeps prose: drops lines that are mostly symbols (ASCII art, tables) and joins the rest. */
function clean(entry) {
  const lines = entry
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => {
      if (l.length === 0) return false;
      const letters = (l.match(/\p{L}/gu) ?? []).length;
      return letters >= 0.6 * l.replace(/\s/g, '').length;
    });
  return lines
    .join(' ')
    .replace(/[_|~^*#<>{}[\]\\=+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== 'off') walk(p, out); // skip the offensive sections
    } else if (!name.endsWith('.dat') && !name.endsWith('.u8') && !name.includes('.')) out.push(p);
  }
  return out;
}

/** Fortune entries (separated by lines holding "%") from an extracted fortunes package. */
export function fortuneTexts(root, pkg, lang) {
  const base = join(root, 'usr/share/games/fortunes');
  if (!existsSync(base)) return [];
  const out = [];
  for (const file of walk(base)) {
    const entries = decode(readFileSync(file)).split(/\n%\n/);
    for (const e of entries) {
      const text = clean(e);
      if (text.length >= 40 && text.length <= 600) out.push({ lang, pkg, origin: `${pkg}:${file.slice(base.length + 1)}`, text });
    }
  }
  return out;
}

/** Paragraphs of /usr/share/common-licenses (English prose, from base-files). */
export function licenceTexts() {
  const base = '/usr/share/common-licenses';
  if (!existsSync(base)) return [];
  const out = [];
  for (const name of readdirSync(base)) {
    const p = join(base, name);
    if (!statSync(p).isFile()) continue;
    for (const para of decode(readFileSync(p)).split(/\n\s*\n/)) {
      const text = clean(para);
      if (text.length >= 80 && text.length <= 700) out.push({ lang: 'en', pkg: 'base-files', origin: `common-licenses/${name}`, text });
    }
  }
  return out;
}

/** Splits a corpus into train and test by a hash of the text: the same text never lands in both. */
export function splitTexts(texts, testFraction = 0.12) {
  const train = [];
  const test = [];
  for (const t of texts) (unitHash(t.text) < testFraction ? test : train).push(t);
  return { train, test };
}
