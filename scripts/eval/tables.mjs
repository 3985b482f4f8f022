// Markdown tables for docs/results.md, generated from the results JSON.
import { SYSTEMS, paramLabel } from './settings.mjs';

const fmt = (v, d) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const signed = (v, d) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v > 0 ? '+' : ''}${v.toFixed(d)}`);

/** @param {string[]} head @param {string[][]} rows @param {string} [align] one of l/r per column */
export function table(head, rows, align) {
  const a = align ?? head.map((_, i) => (i === 0 ? 'l' : 'r'));
  return [
    `| ${head.join(' | ')} |`,
    `|${a.map((x) => (x === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const groupsOf = (results) => [...new Set(results.clips.map((c) => c.group))];

function runSection(r) {
  const lines = [];
  if (r.label) lines.push(`> **${r.label}**`, '');
  lines.push(`Generated ${r.createdAt.slice(0, 16).replace('T', ' ')} UTC by \`${r.command}\` in ${Math.round(r.seconds / 60)} min `
    + `(${r.environment.backend}, ${r.environment.cpu}, Node ${r.environment.node}; ${r.environment.opus ?? 'no Opus'}).`, '');
  lines.push(
    table(
      ['model', 'weights', 'training step', 'preset', 'N_q × size', 'frame rate', 'SHA-256'],
      r.models.map((m) => [m.role, `\`${m.path}\``, m.step ?? '?', m.preset, `${m.nCodebooks} × ${m.codebookSize}`, `${m.frameRate} Hz`, `\`${m.sha256.slice(0, 12)}\``]),
      ['l', 'l', 'r', 'l', 'r', 'r', 'l'],
    ),
  );
  const per = groupsOf(r).map((g) => {
    const cs = r.clips.filter((c) => c.group === g);
    return `${g} ${cs.length} (${cs.reduce((a, c) => a + c.seconds, 0).toFixed(0)} s)`;
  });
  lines.push('', `Test clips: ${r.clips.length} — ${per.join(', ')}; first ${r.options.maxSeconds} s of each, clips under ${r.options.minSeconds} s skipped. `
    + `SI-SDR means leave out clips below ${r.options.siSdrMinDbfs} dBFS RMS (digital silence, dither).`);
  for (const n of r.notes) lines.push('', `Note: ${n}`);
  return lines.join('\n');
}

const SETTING_ALIGN = (n) => ['l', 'l', ...Array(n).fill('r')];

function summarySection(r) {
  return table(
    ['system', 'setting', 'kbps', 'entropy-coded file kbps', 'side info kbps', 'mean codebooks', 'mel ↓', 'STFT ↓', 'SI-SDR dB ↑'],
    r.settings.map((s) => [
      SYSTEMS[s.system].name,
      paramLabel(s.system, s.param),
      fmt(s.mean?.kbps, 2),
      fmt(s.mean?.fileKbps, 2),
      s.role === 'opus' ? '' : fmt(mean(s.perClip.map((c) => c?.sideInfoKbps)), 3),
      s.role === 'opus' ? '' : fmt(mean(s.perClip.map((c) => c?.meanCount)), 2),
      fmt(s.mean?.melDistance, 3),
      fmt(s.mean?.stftDistance, 3),
      fmt(s.mean?.siSdr, 2),
    ]),
    SETTING_ALIGN(7),
  );
}

function groupsSection(r) {
  const gs = groupsOf(r);
  return table(
    ['system', 'setting', ...gs.map((g) => `${g}: kbps / mel / SI-SDR`)],
    r.settings.map((s) => [
      SYSTEMS[s.system].name,
      paramLabel(s.system, s.param),
      ...gs.map((g) => {
        const m = s.groups[g];
        return m ? `${fmt(m.kbps, 2)} / ${fmt(m.melDistance, 3)} / ${fmt(m.siSdr, 1)}` : '–';
      }),
    ]),
    SETTING_ALIGN(gs.length),
  );
}

function comparisonTable(rows, against) {
  return table(
    ['ℓ', 'kbps', 'mel', `mel of ${against} at that kbps`, 'Δ mel', 'SI-SDR', `SI-SDR of ${against}`, 'Δ SI-SDR'],
    rows.map((c) => [
      String(c.level),
      fmt(c.kbps, 2),
      fmt(c.melDistance, 3),
      fmt(c.cbrMelDistance, 3),
      signed(c.deltaMel, 3),
      fmt(c.siSdr, 2),
      fmt(c.cbrSiSdr, 2),
      signed(c.deltaSiSdr, 2),
    ]),
  );
}

function vbrVsCbrSection(r) {
  const parts = [];
  const c = r.comparisons;
  if (c.vbrVsCbr.length) parts.push('VRVQ VBR against the same model in CBR mode (CBR curve interpolated linearly in kbps; – where the VBR point lies outside the CBR range):', '', comparisonTable(c.vbrVsCbr, 'CBR mode'));
  if (c.vbrVsBaseline.length) parts.push('', 'VRVQ VBR against the CBR baseline model:', '', comparisonTable(c.vbrVsBaseline, 'baseline'));
  if (c.rampVsCbr.length) parts.push('', 'Ramp-estimator VBR against the main model in CBR mode:', '', comparisonTable(c.rampVsCbr, 'CBR mode'));
  return parts.length ? parts.join('\n') : '_No VBR model evaluated._';
}

function quietSection(r) {
  const q = r.comparisons.quietVsSpeech;
  if (!q.length) return '_No VBR model evaluated._';
  return table(
    [
      'ℓ', 'speech kbps', 'quiet kbps', 'quiet / speech', 'speech-with-pauses kbps', 'pauses / speech',
      'entropy-coded files: speech kbps', 'quiet kbps', 'quiet / speech', 'pauses / speech',
    ],
    q.map((x) => [
      String(x.level), fmt(x.speechKbps, 2), fmt(x.quietKbps, 2), fmt(x.quietOverSpeech, 2), fmt(x.pausesKbps, 2), fmt(x.pausesOverSpeech, 2),
      fmt(x.speechFileKbps, 2), fmt(x.quietFileKbps, 2), fmt(x.quietOverSpeechFile, 2), fmt(x.pausesOverSpeechFile, 2),
    ]),
  );
}

const mean = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** The issue's acceptance points, computed (numbers only; the verdict is written by hand). */
export function checks(r) {
  const c = r.comparisons;
  const comparable = c.vbrVsCbr.filter((x) => x.deltaMel !== null);
  const melBetter = comparable.filter((x) => x.deltaMel < 0);
  const sdrComparable = c.vbrVsCbr.filter((x) => x.deltaSiSdr !== null);
  const sdrBetter = sdrComparable.filter((x) => x.deltaSiSdr > 0);
  const either = comparable.filter((x) => x.deltaMel < 0 || (x.deltaSiSdr !== null && x.deltaSiSdr > 0));
  const q = c.quietVsSpeech.filter((x) => x.quietOverSpeech !== null);
  const underHalf = q.filter((x) => x.quietOverSpeech < 0.5);
  const underHalfFile = q.filter((x) => x.quietOverSpeechFile !== null && x.quietOverSpeechFile < 0.5);
  const pausesUnderHalf = q.filter((x) => x.pausesOverSpeech !== null && x.pausesOverSpeech < 0.5);
  const model = r.settings.filter((s) => (s.system === 'vrvq-vbr' || s.system === 'vrvq-cbr') && s.mean && s.mean.kbps <= 6);
  const best = model.reduce((a, s) => (!a || s.mean.melDistance < a.mean.melDistance ? s : a), null);
  const opus6 = r.settings.filter((s) => s.role === 'opus' && s.param === 6 && s.mean);
  return {
    comparable: comparable.length,
    melBetter: melBetter.length,
    sdrComparable: sdrComparable.length,
    sdrBetter: sdrBetter.length,
    either: either.length,
    levels: q.length, underHalf: underHalf.length, underHalfFile: underHalfFile.length, pausesUnderHalf: pausesUnderHalf.length, best, opus6 };
}

function checksSection(r) {
  const k = checks(r);
  const rows = [
    [
      'VBR above the same model\'s CBR curve (lower mel or higher SI-SDR at equal kbps)',
      k.comparable
        ? `of the VBR points inside the CBR kbps range: lower mel at ${k.melBetter} of ${k.comparable}, higher SI-SDR at `
          + `${k.sdrBetter} of ${k.sdrComparable}, either at ${k.either} of ${k.comparable}`
        : 'no comparable points',
    ],
    [
      'quiet clips cost well under half the bits of speech at the same ℓ',
      k.levels
        ? `raw bit count: quiet/speech < 0.5 at ${k.underHalf} of ${k.levels} levels (ratios ${r.comparisons.quietVsSpeech.map((x) => fmt(x.quietOverSpeech, 2)).join(', ')}); `
          + `speech-with-pauses/speech < 0.5 at ${k.pausesUnderHalf} of ${k.levels}; entropy-coded files: quiet/speech < 0.5 at ${k.underHalfFile} of ${k.levels} `
          + `(ratios ${r.comparisons.quietVsSpeech.map((x) => fmt(x.quietOverSpeechFile, 2)).join(', ')})`
        : 'no VBR model',
    ],
    [
      'mel distance at ≤ 6 kbps beats Opus at 6 kbps',
      k.best
        ? `best model point ≤ 6 kbps: ${SYSTEMS[k.best.system].name} ${paramLabel(k.best.system, k.best.param)}, ${fmt(k.best.mean.kbps, 2)} kbps, mel ${fmt(k.best.mean.melDistance, 3)}; `
          + k.opus6.map((o) => `${SYSTEMS[o.system].name} 6: ${fmt(o.mean.kbps, 2)} kbps, mel ${fmt(o.mean.melDistance, 3)}`).join('; ')
        : 'no model point at ≤ 6 kbps',
    ],
  ];
  return table(['criterion (issue 8)', 'measured'], rows, ['l', 'l']);
}

function opusSection(r) {
  const opus = r.settings.filter((s) => s.role === 'opus');
  if (!opus.length) return '_Opus not evaluated (--no-opus)._';
  const lags = opus.flatMap((s) => s.perClip.map((c) => c?.lag).filter((l) => l !== null && l !== undefined));
  const lens = opus.flatMap((s) => s.perClip.map((c) => c?.lengthDiff));
  const hist = {};
  for (const l of lags) hist[l] = (hist[l] ?? 0) + 1;
  return [
    table(
      ['Opus', 'target', 'kbps (packets only)', 'Ogg overhead kbps', 'packets by mode', 'SI-SDR dB', 'SI-SDR dB, lag undone'],
      opus.map((s) => [
        SYSTEMS[s.system].name,
        `${s.param} kbps`,
        fmt(s.mean?.kbps, 2),
        fmt(mean(s.perClip.map((c, i) => (c ? (c.containerBytes * 8) / r.clips[i].seconds / 1000 : null))), 2),
        modeShares(s.perClip),
        fmt(s.mean?.siSdr, 2),
        fmt(mean(s.perClip.map((c, i) => (c && r.clips[i].rmsDbfs >= r.options.siSdrMinDbfs ? c.siSdrAligned : null))), 2),
      ]),
      ['l', 'l', 'r', 'r', 'l', 'r', 'r'],
    ),
    '',
    `Decoded length minus input length: ${[...new Set(lens)].join(', ')} samples. Best-matching lag of the decoded signal `
      + `(samples, ±64 searched; clips above −80 dBFS): ${Object.entries(hist).sort((a, b) => Number(a[0]) - Number(b[0])).map(([l, n]) => `${l}: ${n}×`).join(', ')}.`,
  ].join('\n');
}

/** "SILK NB 100 %" or "SILK WB 80 %, CELT FB 20 %" over all clips' packets. */
function modeShares(perClip) {
  const total = {};
  for (const c of perClip) for (const [m, n] of Object.entries(c?.modes ?? {})) total[m] = (total[m] ?? 0) + n;
  const sum = Object.values(total).reduce((a, b) => a + b, 0);
  return Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${Math.round((100 * n) / sum)} %`)
    .join(', ');
}

function clipsSection(r) {
  return table(
    ['clip', 'group', 'seconds', 'RMS dBFS'],
    r.clips.map((c) => [`\`${c.path}\``, c.group, fmt(c.seconds, 2), fmt(c.rmsDbfs, 1)]),
    ['l', 'l', 'r', 'r'],
  );
}

/** Every generated section of docs/results.md: marker name → Markdown. */
export function resultSections(r) {
  return {
    run: runSection(r),
    checks: checksSection(r),
    summary: summarySection(r),
    groups: groupsSection(r),
    'vbr-vs-cbr': vbrVsCbrSection(r),
    'quiet-vs-speech': quietSection(r),
    opus: opusSection(r),
    clips: clipsSection(r),
  };
}
