// Producing one source's files for one split (train or test) within a budget of seconds.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { decodeMono16, renderMidi } from './decode.mjs';
import { attenuate, noiseClip, pausedSpeech, silenceClip } from './quiet.mjs';
import { rng as makeRng } from './rng.mjs';
import { run } from './sh.mjs';
import { espeak, festival, flite, VOICES } from './tts.mjs';
import { levels, pieces, readWav16, toInt16, writeWav16 } from './wav16.mjs';

const MAX_SECONDS = 30;
const MIN_SECONDS = 1;
/** Clips quieter than this peak are dropped from speech/music/effects (they are silence). */
const SILENT_PEAK_DB = -45;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

/** Files of a package matching the source's patterns, as absolute paths (deduplicated by content). */
export async function packageFiles(src, pkgInfo) {
  let files;
  if (pkgInfo.root === '/') {
    const r = await run('dpkg', ['-L', src.pkg], { nice: false });
    files = r.stdout
      .toString()
      .split('\n')
      .filter((p) => p && statSync(p, { throwIfNoEntry: false })?.isFile());
  } else files = walk(pkgInfo.root).filter((p) => !p.endsWith('.extracted'));
  const rel = (p) => (pkgInfo.root === '/' ? p : `/${relative(pkgInfo.root, p)}`);
  const picked = files.filter((p) => src.include.test(rel(p)) && !(src.exclude?.test(rel(p)) ?? false)).sort();
  const seen = new Set();
  const out = [];
  for (const p of picked) {
    const md5 = createHash('md5').update(readFileSync(p)).digest('hex');
    if (seen.has(md5)) continue;
    seen.add(md5);
    out.push({ path: p, rel: rel(p), md5 });
  }
  return out;
}

/** md5 of 16-bit samples, the identity of a file's audio. */
export function audioDigest(samples) {
  return createHash('md5').update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex');
}

const stemOf = (s) =>
  basename(s)
    .replace(/\.[^.]+$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .slice(0, 40);

/** Collects output rows and writes files; tracks the budget. */
class Emitter {
  constructor(ctx, src, split, budgetSec) {
    Object.assign(this, { ctx, src, split, budgetSec });
    this.rows = [];
    this.seconds = 0;
    this.dir = join(ctx.outDir, src.group, src.id);
    mkdirSync(this.dir, { recursive: true });
    this.lastLog = 0;
  }

  get full() {
    return this.seconds >= this.budgetSec;
  }

  /** Writes Int16 samples as one file (≤ 30 s, ≥ 1 s), unless silent in a non-quiet group. */
  emit(samples, name, { source, licence, detail }) {
    const { rate } = this.ctx;
    if (samples.length < MIN_SECONDS * rate) return false;
    const lv = levels(samples);
    if (this.src.group !== 'quiet' && lv.peakDb < SILENT_PEAK_DB) return false;
    // The same sound shipped by two packages (or twice in one) is kept once, in whichever split and
    // source comes first.
    const digest = audioDigest(samples);
    if (this.ctx.digests.has(digest)) {
      this.ctx.log(`  = skipped ${name}: identical to a file already in the set`);
      return false;
    }
    this.ctx.digests.add(digest);
    const file = join(this.dir, `${name}.wav`);
    writeWav16(file, samples, rate);
    const duration = samples.length / rate;
    this.rows.push({
      path: relative(this.ctx.outDir, file),
      group: this.src.group,
      source,
      licence,
      duration,
      rmsDb: lv.rmsDb,
      detail,
    });
    this.seconds += duration;
    const now = Date.now();
    if (now - this.lastLog > 5000) {
      this.lastLog = now;
      this.ctx.log(`  [${this.split} ${this.src.group}/${this.src.id}] ${(this.seconds / 60).toFixed(1)}/${(this.budgetSec / 60).toFixed(1)} min, ${this.rows.length} files`);
    }
    return true;
  }

  /** Splits a long signal into ≤ 30 s pieces of equal length and emits each. */
  emitSplit(samples, stem, meta) {
    const ps = pieces(samples.length, MAX_SECONDS * this.ctx.rate);
    ps.forEach(([a, b], k) => {
      if (!this.full) this.emit(samples.subarray(a, b), ps.length > 1 ? `${stem}-${k}` : stem, meta);
    });
  }
}

/**
 * Joins clips shorter than 1 s (drum hits, single words) into sequences of 6–15 s with 0.15–0.6 s
 * gaps, so they are kept instead of dropped.
 */
class ShortClipJoiner {
  constructor(emitter, seed) {
    this.e = emitter;
    this.r = makeRng(seed);
    this.parts = [];
    this.origins = [];
    this.len = 0;
    this.target = this.nextTarget();
    this.count = 0;
  }

  nextTarget() {
    return Math.round(this.r.uniform(6, 15) * this.e.ctx.rate);
  }

  add(samples, origin, meta) {
    const gap = new Int16Array(Math.round(this.r.uniform(0.15, 0.6) * this.e.ctx.rate));
    this.parts.push(samples, gap);
    this.origins.push(origin);
    this.meta = meta;
    this.len += samples.length + gap.length;
    if (this.len >= this.target) this.flush();
  }

  flush() {
    if (this.parts.length === 0 || this.e.full) return;
    const out = new Int16Array(Math.min(this.len, MAX_SECONDS * this.e.ctx.rate));
    let at = 0;
    for (const p of this.parts) {
      const take = Math.min(p.length, out.length - at);
      out.set(p.subarray(0, take), at);
      at += take;
    }
    const shown = this.origins.slice(0, 3).join(', ');
    const more = this.origins.length > 3 ? ` … (+${this.origins.length - 3})` : '';
    this.e.emit(out, `joined-${String(this.count++).padStart(4, '0')}`, { ...this.meta, detail: `${this.origins.length} clips joined: ${shown}${more}` });
    this.parts = [];
    this.origins = [];
    this.len = 0;
    this.target = this.nextTarget();
  }
}

async function runFiles(src, split, ctx, e) {
  const info = ctx.packages.get(src.pkg);
  const files = makeRng(`${src.id}/order`).shuffle(await packageFiles(src, info));
  const licences = ctx.licences.get(src.pkg);
  const joiner = new ShortClipJoiner(e, `${src.id}/${split}/join`);
  const { rate } = ctx;
  for (let i = 0; i < files.length && !e.full; i += ctx.jobs) {
    const batch = files.slice(i, i + ctx.jobs);
    const decoded = await Promise.all(batch.map((f) => (src.kind === 'midi' ? renderMidi(f.path, rate) : decodeMono16(f.path, rate))));
    for (let k = 0; k < batch.length && !e.full; k++) {
      const f = batch[k];
      let s = decoded[k];
      if (!s || s.length === 0) {
        ctx.log(`  ! could not decode ${f.rel}`);
        continue;
      }
      const meta = { source: src.pkg, licence: src.licence ?? licences.forFile(f.rel) };
      let origin = `${src.pkg}:${f.rel}`;
      if (src.maxSeconds && s.length > src.maxSeconds * rate) {
        const r = makeRng(`${src.id}/${f.md5}`);
        const len = src.maxSeconds * rate;
        const start = Math.floor(r.uniform(0, s.length - len));
        s = s.subarray(start, start + len);
        origin += ` @${(start / rate).toFixed(1)}s`;
      }
      if (s.length < MIN_SECONDS * rate) {
        if (levels(s).peakDb >= SILENT_PEAK_DB) joiner.add(s, f.rel.split('/').pop(), meta);
        continue;
      }
      e.emitSplit(s, `${stemOf(f.rel)}-${f.md5.slice(0, 6)}`, { ...meta, detail: origin });
    }
  }
  joiner.flush();
}

async function runTts(src, split, ctx, e) {
  const r = makeRng(`${src.id}/${split}`);
  const texts = ctx.texts[split];
  const byLang = (lang) => texts.filter((t) => t.lang === lang);
  const configs = [];
  if (src.kind === 'tts-espeak') {
    const langs = split === 'train' ? VOICES.espeak.trainLangs : VOICES.espeak.testLangs;
    const variants = ctx.espeakVariants[split];
    for (const [lang, textLang] of Object.entries(langs)) {
      if (byLang(textLang).length === 0) continue;
      configs.push({ textLang, make: () => ({ lang, variant: r.next() < 0.15 ? '' : r.pick(variants), speed: r.int(120, 210), pitch: r.int(20, 80) }) });
    }
  } else if (src.kind === 'tts-flite') {
    for (const voice of VOICES.flite[split]) configs.push({ textLang: 'en', make: () => ({ voice, stretch: r.uniform(0.8, 1.25), f0: r.uniform(85, 200) }) });
  } else {
    for (const v of VOICES.festival[split]) {
      if (byLang(v.lang).length > 0) configs.push({ textLang: v.lang, make: () => ({ voice: v.voice, pkg: v.pkg, stretch: r.uniform(0.85, 1.2) }) });
    }
  }
  if (configs.length === 0) {
    ctx.log(`  ! ${src.id}: no voice with text for ${split}`);
    return;
  }
  const engine = { 'tts-espeak': espeak, 'tts-flite': flite, 'tts-festival': festival }[src.kind];
  // festival's own licence covers the engine; the voice data licence is its festvox package's.
  const voiceLicence = (v) => ctx.licences.get(v.pkg ?? src.pkg)?.main ?? 'see package';
  let failures = 0;
  let n = 0;
  while (!e.full && failures < 20) {
    const jobs = Array.from({ length: ctx.jobs }, () => {
      const c = r.pick(configs);
      const pool = byLang(c.textLang);
      // 1–3 consecutive entries of one text file, up to ~400 characters.
      let j = r.int(0, pool.length - 1);
      let text = pool[j].text;
      const first = pool[j];
      while (text.length < 150 && j + 1 < pool.length && pool[j + 1].origin === first.origin) text += ` ${pool[++j].text}`;
      return { voice: c.make(), text: text.slice(0, 450), first };
    });
    const outs = await Promise.all(jobs.map((j) => engine(j.text, j.voice, ctx.rate)));
    for (let k = 0; k < jobs.length && !e.full; k++) {
      if (!outs[k] || outs[k].length === 0) {
        failures += 1;
        continue;
      }
      failures = 0;
      const j = jobs[k];
      const v = j.voice;
      const voiceName = v.lang ? `${v.lang}${v.variant ? `+${v.variant}` : ''} s${v.speed} p${v.pitch}` : `${v.voice} x${v.stretch.toFixed(2)}${v.f0 ? ` f0 ${Math.round(v.f0)}` : ''}`;
      const textLicence = ctx.licences.get(j.first.pkg)?.main ?? 'see package';
      e.emitSplit(outs[k], `utt-${String(n++).padStart(5, '0')}`, {
        source: v.pkg ?? src.pkg,
        licence: `voice: ${voiceLicence(v)}; text: ${textLicence}`,
        detail: `${voiceName}; text ${j.first.origin} #${createHash('md5').update(j.text).digest('hex').slice(0, 8)}`,
      });
    }
  }
  if (failures >= 20) ctx.log(`  ! ${src.id}: the engine failed 20 times in a row; stopped`);
}

async function runQuiet(src, split, ctx, e) {
  const { rate } = ctx;
  let n = 0;
  const name = () => `${src.id.replace('quiet-', '')}-${String(n++).padStart(4, '0')}`;
  const seed = () => `${src.id}/${split}/${n}`;
  if (src.kind === 'quiet-silence' || src.kind === 'quiet-noise') {
    while (!e.full) {
      const { x, detail } = (src.kind === 'quiet-silence' ? silenceClip : noiseClip)(seed(), rate);
      e.emit(toInt16(x), name(), { source: 'generated', licence: 'CC0-1.0', detail });
    }
    return;
  }
  const rows = ctx.splitRows[split];
  const pool = (groups) => makeRng(`${src.id}/${split}/pool`).shuffle(rows.filter((row) => groups.includes(row.group)));
  if (src.kind === 'quiet-attenuated') {
    for (const row of pool(['music', 'effects'])) {
      if (e.full) break;
      const { samples } = readWav16(join(ctx.outDir, row.path));
      const { x, detail } = attenuate(samples, seed(), rate);
      e.emit(toInt16(x), name(), { source: row.source, licence: row.licence, detail: `${row.path}, ${detail}` });
    }
    return;
  }
  // quiet-pauses: utterances from this split's speech files, never reused.
  const speech = pool(['speech']).filter((row) => row.duration <= 12);
  let at = 0;
  while (!e.full && at < speech.length) {
    const take = speech.slice(at, at + 6);
    const { x, used, detail } = pausedSpeech(
      take.map((row) => readWav16(join(ctx.outDir, row.path)).samples),
      seed(),
      rate,
    );
    at += Math.max(1, used);
    const parts = take.slice(0, Math.max(1, used));
    e.emit(toInt16(x), name(), {
      source: [...new Set(parts.map((p) => p.source))].join('+'),
      licence: [...new Set(parts.map((p) => p.licence))].join(' + '),
      detail: `${parts.length} utterances (${parts.map((p) => p.path.split('/').pop()).join(', ')}), ${detail}`,
    });
  }
}

/** Produces one source for one split; returns its manifest rows. */
export async function runSource(src, split, ctx, budgetSec) {
  const e = new Emitter(ctx, src, split, budgetSec);
  if (src.kind === 'files' || src.kind === 'midi') await runFiles(src, split, ctx, e);
  else if (src.kind.startsWith('tts-')) await runTts(src, split, ctx, e);
  else await runQuiet(src, split, ctx, e);
  ctx.log(`  [${split} ${src.group}/${src.id}] done: ${(e.seconds / 60).toFixed(1)} min in ${e.rows.length} files (budget ${(budgetSec / 60).toFixed(1)})`);
  return e.rows;
}
