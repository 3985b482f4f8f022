#!/usr/bin/env node
// Evaluates the trained models and Opus on the held-out test set and writes one JSON file:
// per setting (VRVQ VBR levels, CBR mode n = 1…N_q, CBR baseline, ramp estimator, Opus VBR/CBR)
// kbps (side info included), mel distance, STFT distance, SI-SDR — per clip, overall and per group.
// Then `node scripts/plot-results.mjs` draws the plots and refreshes the tables in docs/results.md.
//
//   node scripts/evaluate.mjs --model runs/vrvq-tiny/model.safetensors [--help for options]
//
// Needs the built packages (npx pnpm@10.34.9 --filter @vrvq/cli... build), the test set
// (scripts/make-training-set; git-ignored) and Debian opus-tools (apt-get install opus-tools).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { USAGE, parseEvaluateArgs } from './eval/args.mjs';
import { evaluateModelOnClip, evaluateOpusOnClip, sig } from './eval/clip-eval.mjs';
import { EvaluationError } from './eval/errors.mjs';
import { loadModel } from './eval/model.mjs';
import { opusToolsVersion } from './eval/opus.mjs';
import { figureData } from './eval/figure-data.mjs';
import { formatJson } from './eval/json-format.mjs';
import { formatDuration, progressLine } from './eval/progress.mjs';
import { FIGURE_LEVELS, SYSTEMS, modelSettings, opusSettings } from './eval/settings.mjs';
import { SI_SDR_MIN_DBFS, compareAtEqualRate, quietVsSpeech, summarise } from './eval/stats.mjs';
import { loadClip, readManifest, rmsDbfs, selectClips } from './eval/testset.mjs';

async function main() {
  const args = parseEvaluateArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const { core, tf } = await import('./eval/packages.mjs');
  const backend = await core.initBackend('wasm');

  // Models: the main one must exist; the others are skipped with a note when absent.
  const notes = [];
  const models = [];
  for (const [role, path] of [['vrvq', args.model], ['cbr-baseline', args.cbrBaseline], ['ramp', args.ramp]]) {
    if (!path) continue;
    if (!existsSync(path)) {
      if (role === 'vrvq') throw new EvaluationError('missing_file', `No weights file at ${path} (--model).`);
      notes.push(`${role}: ${path} does not exist; skipped.`);
      console.error(`note: ${role} model ${path} does not exist; skipped`);
      continue;
    }
    const model = loadModel(path);
    const settings = modelSettings(role, model, args.levels);
    if (settings.length === 0) {
      notes.push(`${role}: ${path} has no importance subnet, so no VBR settings; skipped.`);
      continue;
    }
    models.push({ role, model, settings });
  }
  const primary = models[0].model;
  if (!primary.supportsVbr) notes.push(`vrvq: ${args.model} has no importance subnet; only its CBR mode is evaluated.`);

  let opusVersion = null;
  if (args.opusKbps.length > 0) {
    opusVersion = opusToolsVersion();
    if (!opusVersion) {
      throw new EvaluationError('opus_unavailable', 'opusenc/opusdec not found: `apt-get install opus-tools`, or pass --no-opus.');
    }
  }
  const opus = opusSettings(args.opusKbps);

  const rows = readManifest(args.test);
  const picked = selectClips(rows, { perGroup: args.perGroup, minSeconds: args.minSeconds, maxClips: args.maxClips });
  if (picked.length === 0) throw new EvaluationError('no_clips', `No clip in ${args.test} is at least ${args.minSeconds} s long.`);

  const allSettings = [...models.flatMap((m) => m.settings), ...opus];
  /** @type {Map<string, any[]>} */
  const perClip = new Map(allSettings.map((s) => [s.id, []]));
  const clips = [];
  const audioSeconds = picked.reduce((a, r) => a + Math.min(r.duration, args.maxSeconds), 0);
  let doneSeconds = 0;
  console.error(
    `evaluating ${picked.length} clips (${audioSeconds.toFixed(0)} s of audio), ${allSettings.length} settings each, on ${backend.name}`,
  );
  for (const [i, row] of picked.entries()) {
    const t0 = performance.now();
    const x = loadClip(args.test, row.path, { sampleRate: primary.sampleRate, maxSeconds: args.maxSeconds, hop: primary.hop });
    const clip = {
      path: row.path,
      group: row.group,
      source: row.source,
      seconds: sig(x.length / primary.sampleRate, 6),
      rmsDbfs: sig(rmsDbfs(x), 4),
    };
    clips.push(clip);
    for (const { model, settings } of models) {
      const xm =
        model.sampleRate === primary.sampleRate && model.hop === primary.hop
          ? x
          : loadClip(args.test, row.path, { sampleRate: model.sampleRate, maxSeconds: args.maxSeconds, hop: model.hop });
      const res = await evaluateModelOnClip(model, settings, xm);
      for (const s of settings) perClip.get(s.id).push(res.get(s.id));
    }
    if (opus.length > 0) {
      const res = await evaluateOpusOnClip(opus, x, primary.sampleRate);
      for (const s of opus) perClip.get(s.id).push(res.get(s.id));
    }
    doneSeconds += clip.seconds;
    console.error(progressLine(i + 1, picked.length, row.path, clip.seconds, (performance.now() - t0) / 1000, doneSeconds, audioSeconds, (performance.now() - started) / 1000));
  }

  const settings = allSettings.map((s) => {
    const summary = summarise(perClip.get(s.id), clips);
    return {
      ...s,
      name: SYSTEMS[s.system].name,
      mean: roundAll(summary.all),
      groups: Object.fromEntries(Object.entries(summary.groups).map(([g, v]) => [g, roundAll(v)])),
      perClip: perClip.get(s.id),
    };
  });
  const bySystem = (sys) => settings.filter((s) => s.system === sys);
  const comparisons = {
    vbrVsCbr: bySystem('vrvq-vbr').length ? compareAtEqualRate(bySystem('vrvq-vbr'), bySystem('vrvq-cbr')).map(roundAll) : [],
    vbrVsBaseline: bySystem('baseline-cbr').length ? compareAtEqualRate(bySystem('vrvq-vbr'), bySystem('baseline-cbr')).map(roundAll) : [],
    rampVsCbr: bySystem('ramp-vbr').length ? compareAtEqualRate(bySystem('ramp-vbr'), bySystem('vrvq-cbr')).map(roundAll) : [],
    quietVsSpeech: quietVsSpeech(bySystem('vrvq-vbr'), clips).map(roundAll),
  };

  let figure = null;
  if (primary.supportsVbr) {
    const fig = args.figureClip ?? rows.find((r) => r.group === 'quiet' && r.path.includes('pauses'))?.path ?? null;
    if (fig) figure = figureData(primary, args.test, fig, args.figureSeconds, FIGURE_LEVELS);
    else notes.push('No speech-with-pauses clip in the test set for the codebook-usage picture.');
  }

  const elapsed = (performance.now() - started) / 1000;
  const result = {
    format: 'vrvq-eval/1',
    label: args.label,
    createdAt: new Date().toISOString(),
    command: ['node', 'scripts/evaluate.mjs', ...process.argv.slice(2)].map(shellQuote).join(' '),
    environment: {
      node: process.version,
      backend: backend.name,
      cpu: cpus()[0]?.model ?? 'unknown',
      opus: opusVersion,
      tfjsTensorsLeft: tf.memory().numTensors,
    },
    options: {
      test: args.test,
      perGroup: args.perGroup,
      maxClips: args.maxClips ?? null,
      maxSeconds: args.maxSeconds,
      minSeconds: args.minSeconds,
      levels: args.levels,
      opusKbps: args.opusKbps,
      siSdrMinDbfs: SI_SDR_MIN_DBFS,
    },
    models: models.map(({ role, model }) => ({
      role,
      path: model.path,
      sha256: model.sha256,
      step: model.step,
      preset: model.preset.name,
      sampleRate: model.sampleRate,
      hop: model.hop,
      frameRate: sig(model.frameRate, 8),
      nCodebooks: model.rateCfg.nCodebooks,
      codebookSize: model.rateCfg.codebookSize,
      supportsVbr: model.supportsVbr,
    })),
    notes,
    clips,
    settings,
    comparisons,
    figure,
    seconds: sig(elapsed, 4),
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${formatJson(result)}\n`);
  console.error(`wrote ${args.out} in ${formatDuration(elapsed)}; next: node scripts/plot-results.mjs --in ${args.out}`);
}

/** Quotes a command-line word for a POSIX shell when it needs it. */
function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** Rounds every number of a flat object to 5 significant digits. */
function roundAll(o) {
  if (!o) return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? sig(v) : v]));
}

main().catch((e) => {
  console.error(e instanceof EvaluationError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(e instanceof EvaluationError && e.code === 'usage' ? 2 : 1);
});
