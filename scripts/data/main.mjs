// scripts/make-training-set: builds data/train and data/test from Debian packages.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { aptInstall, aptUpdate, fetchPackage, licencesOf } from './apt.mjs';
import { audioDigest, runSource } from './jobs.mjs';
import { loadPart, savePart, totals, writeManifest, writeSourcesMd } from './manifest.mjs';
import { have, toolVersion } from './sh.mjs';
import { GROUPS, SOURCES, TEST_MINUTES, TOOL_PACKAGES } from './sources.mjs';
import { fortuneTexts, licenceTexts, splitTexts, TEXT_PACKAGES } from './texts.mjs';
import { espeakVariants } from './tts.mjs';
import { readWav16 } from './wav16.mjs';

/** Bump when the output of a source would change for the same options (forces a rebuild). */
const BUILD_VERSION = 2;

const USAGE = `Usage: scripts/make-training-set [options]

Builds a varied training set (speech, music, effects, quiet) from Debian packages, and a held-out
test set from different recordings, as mono 16-bit WAV files of 1–30 s with manifest.tsv and
SOURCES.md. Idempotent and resumable: finished sources are kept, an interrupted one is redone.

Options:
  --out DIR          training set folder (default data/train)
  --test-out DIR     test set folder (default data/test)
  --rate HZ          sample rate (default 24000)
  --max-hours N      training set size in hours, split equally over the 4 groups (default 5)
  --test-minutes N   test set size in minutes (default 15)
  --cache DIR        downloaded and extracted packages (default data/.cache)
  --jobs N           conversions run in parallel (default 2)
  --skip-apt         no apt-get at all: use installed tools and cached or installed packages
  --help             this text`;

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'data/train' },
      'test-out': { type: 'string', default: 'data/test' },
      rate: { type: 'string', default: '24000' },
      'max-hours': { type: 'string', default: '5' },
      'test-minutes': { type: 'string', default: '15' },
      cache: { type: 'string', default: 'data/.cache' },
      jobs: { type: 'string', default: '2' },
      'skip-apt': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const num = (name, lo, hi) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < lo || v > hi) throw new Error(`--${name} must be a number in [${lo}, ${hi}], got ${values[name]}`);
    return v;
  };
  const dir = (p) => (isAbsolute(p) ? p : resolve(process.cwd(), p));
  return {
    help: values.help,
    out: dir(values.out),
    testOut: dir(values['test-out']),
    rate: num('rate', 8000, 192000),
    maxHours: num('max-hours', 0.01, 1000),
    testMinutes: num('test-minutes', 0, 600),
    cache: dir(values.cache),
    jobs: Math.round(num('jobs', 1, 64)),
    skipApt: values['skip-apt'],
  };
}

const t0 = Date.now();
const log = (msg) => {
  const s = Math.round((Date.now() - t0) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(3, ' ')}m${String(s % 60).padStart(2, '0')}s] ${msg}`);
};

function budgetSeconds(opts, split, group) {
  return split === 'train' ? (opts.maxHours * 3600) / GROUPS.length : TEST_MINUTES[group] * (opts.testMinutes / 15) * 60;
}

/** Deletes folders and part files of sources that are no longer part of this split's build. */
function removeStale(outDir, split, rows) {
  const keep = new Set(rows.map((r) => r.path.split('/').slice(0, 2).join('/')));
  for (const group of GROUPS) {
    const dir = join(outDir, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (!keep.has(`${group}/${name}`)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  const parts = join(outDir, '.parts');
  const ids = new Set(SOURCES.map((s) => `${split}-${s.id}.tsv`));
  if (existsSync(parts)) for (const name of readdirSync(parts)) if (!ids.has(name)) rmSync(join(parts, name), { force: true });
}

export async function main(argv) {
  const opts = options(argv);
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (opts.out === opts.testOut) throw new Error('--out and --test-out must differ');
  log(`train → ${opts.out} (${opts.maxHours} h), test → ${opts.testOut} (${opts.testMinutes} min), ${opts.rate} Hz, cache ${opts.cache}`);
  if (!opts.skipApt) {
    await aptUpdate(log);
    await aptInstall(TOOL_PACKAGES, log);
  }
  for (const tool of ['ffmpeg', 'dpkg-deb']) if (!have(tool)) throw new Error(`${tool} is required (install it, or run without --skip-apt)`);
  const tools = { 'tts-espeak': 'espeak-ng', 'tts-flite': 'flite', 'tts-festival': 'text2wave', midi: 'fluidsynth' };
  const missing = new Set(Object.entries(tools).filter(([, cmd]) => !have(cmd)).map(([kind]) => kind));
  for (const kind of missing) log(`! ${tools[kind]} not found: ${kind} sources are skipped`);

  // Packages: data sources, voice data, texts.
  const packages = new Map();
  const licences = new Map();
  const fetch = async (pkg) => {
    if (packages.has(pkg)) return packages.get(pkg);
    const info = await fetchPackage(pkg, opts.cache, { skipApt: opts.skipApt, log });
    packages.set(pkg, info);
    if (info) licences.set(pkg, licencesOf(pkg, info.root));
    return info;
  };
  const texts = licenceTexts();
  for (const [lang, pkgs] of Object.entries(TEXT_PACKAGES)) {
    for (const pkg of pkgs) {
      const info = await fetch(pkg);
      if (info) texts.push(...fortuneTexts(info.root, pkg, lang));
    }
  }
  licences.set('base-files', { main: 'verbatim licence texts (base-files)', forFile: () => '' });
  const ctx = {
    rate: opts.rate,
    jobs: opts.jobs,
    log,
    packages,
    licences,
    texts: splitTexts(texts),
    espeakVariants: missing.has('tts-espeak') ? { train: [], test: [] } : await espeakVariants(),
    splitRows: { train: [], test: [] },
    digests: new Set(),
  };
  log(`texts: ${ctx.texts.train.length} train / ${ctx.texts.test.length} test paragraphs`);

  for (const [split, outDir] of [
    ['train', opts.out],
    ['test', opts.testOut],
  ]) {
    mkdirSync(outDir, { recursive: true });
    ctx.outDir = outDir;
    for (const group of GROUPS) {
      const budget = budgetSeconds(opts, split, group);
      for (const src of SOURCES.filter((s) => s.group === group && (s[split] ?? 0) > 0)) {
        if (missing.has(src.kind)) continue;
        let srcBudget = budget * src[split];
        if (src.fill) {
          const done = ctx.splitRows[split].filter((r) => r.group === group).reduce((s, r) => s + r.duration, 0);
          srcBudget = Math.max(srcBudget, budget - done);
        }
        // Derived quiet sources also depend on the files they reuse.
        const inputs = ['quiet-attenuated', 'quiet-pauses'].includes(src.kind)
          ? createHash('md5').update(ctx.splitRows[split].map((r) => `${r.path}:${r.duration}`).join('\n')).digest('hex')
          : undefined;
        const key = JSON.stringify({ v: BUILD_VERSION, rate: opts.rate, budget: Math.round(srcBudget), inputs, src: { ...src, include: String(src.include), exclude: String(src.exclude) } });
        const id = `${split}-${src.id}`;
        let rows = loadPart(outDir, id, key);
        if (rows) {
          log(`[${split} ${group}/${src.id}] already built: ${(rows.reduce((s, r) => s + r.duration, 0) / 60).toFixed(1)} min`);
          for (const r of rows) ctx.digests.add(audioDigest(readWav16(join(outDir, r.path)).samples));
        }
        else {
          for (const pkg of [src.pkg, ...(src.voicePkgs ?? [])].filter(Boolean)) await fetch(pkg);
          if (src.pkg && !packages.get(src.pkg)) {
            log(`! [${split} ${group}/${src.id}] package ${src.pkg} unavailable: skipped`);
            continue;
          }
          log(`[${split} ${group}/${src.id}] building ${(srcBudget / 60).toFixed(1)} min …`);
          rmSync(join(outDir, group, src.id), { recursive: true, force: true });
          rows = await runSource(src, split, ctx, srcBudget);
          savePart(outDir, id, key, rows);
        }
        ctx.splitRows[split].push(...rows);
      }
    }
    const rows = ctx.splitRows[split];
    removeStale(outDir, split, rows);
    writeManifest(outDir, rows);
    const toolLines = [
      toolVersion('ffmpeg', ['-version']),
      toolVersion('espeak-ng', ['--version']),
      toolVersion('flite', ['--version']),
      toolVersion('festival', ['--version']),
      toolVersion('fluidsynth', ['--version']),
      'soundfont: /usr/share/sounds/sf2/FluidR3_GM.sf2 (fluid-soundfont-gm, MIT)',
    ].filter(Boolean);
    writeSourcesMd(outDir, { split, rows, sources: SOURCES, packages, licences, tools: toolLines, rate: opts.rate });
  }

  // Summary and the train/test separation check.
  for (const split of ['train', 'test']) {
    const { groups } = totals(ctx.splitRows[split]);
    const all = ctx.splitRows[split].reduce((s, r) => s + r.duration, 0);
    log(`${split}: ${(all / 3600).toFixed(2)} h in ${ctx.splitRows[split].length} files`);
    for (const [g, t] of groups) log(`  ${g.padEnd(8)} ${(t.seconds / 60).toFixed(1).padStart(6)} min  ${String(t.files).padStart(5)} files`);
  }
  const origins = (split) =>
    new Set(
      ctx.splitRows[split]
        .filter((r) => /^[^\s:]+:\//.test(r.detail)) // files taken from packages: "pkg:/path[ @offset]"
        .map((r) => r.detail.split(' @')[0]),
    );
  const trainOrigins = origins('train');
  const shared = [...origins('test')].filter((o) => trainOrigins.has(o));
  const textKey = (r) => /#([0-9a-f]{8})$/.exec(r.detail)?.[1];
  const trainTexts = new Set(ctx.splitRows.train.map(textKey).filter(Boolean));
  const sharedTexts = ctx.splitRows.test.map(textKey).filter((k) => k && trainTexts.has(k));
  log(`separation check: ${shared.length} source files and ${sharedTexts.length} TTS texts shared between train and test`);
  if (shared.length > 0 || sharedTexts.length > 0) throw new Error(`train and test overlap: ${shared.slice(0, 5).join(', ')}`);
  // Identical audio (same bytes after conversion) in both sets would also be an overlap.
  const digest = (outDir, r) => createHash('md5').update(readFileSync(join(outDir, r.path)).subarray(44)).digest('hex');
  const trainDigests = new Map(ctx.splitRows.train.map((r) => [digest(opts.out, r), r.path]));
  const sameAudio = ctx.splitRows.test.filter((r) => trainDigests.has(digest(opts.testOut, r)));
  const dupes = ctx.splitRows.train.length - trainDigests.size;
  log(`content check: ${sameAudio.length} test files identical to a train file; ${dupes} duplicate files within train`);
  if (sameAudio.length > 0) throw new Error(`test file ${sameAudio[0].path} is identical to a training file`);
  if (!existsSync(join(opts.out, 'manifest.tsv'))) throw new Error('no manifest written');
  log(`done in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
}
