// manifest.tsv, SOURCES.md and the per-source part files that make a build resumable.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COLUMNS = ['path', 'group', 'source', 'licence', 'duration', 'rms_dbfs', 'detail'];
const clean = (s) => String(s).replace(/[\t\n\r]+/g, ' ');

function rowLine(r) {
  return [r.path, r.group, r.source, r.licence, r.duration.toFixed(3), Number.isFinite(r.rmsDb) ? r.rmsDb.toFixed(1) : '-inf', r.detail].map(clean).join('\t');
}

function parseLine(line) {
  const [path, group, source, licence, duration, rms, detail] = line.split('\t');
  return { path, group, source, licence, duration: Number(duration), rmsDb: rms === '-inf' ? Number.NEGATIVE_INFINITY : Number(rms), detail };
}

const partPath = (outDir, id) => join(outDir, '.parts', `${id}.tsv`);

/** Rows of a finished source, or undefined when it has not finished with this exact key. */
export function loadPart(outDir, id, key) {
  const p = partPath(outDir, id);
  if (!existsSync(p)) return undefined;
  const [first, ...lines] = readFileSync(p, 'utf8').split('\n');
  if (first !== `# ${key}`) return undefined;
  return lines.filter(Boolean).map(parseLine);
}

/** Records a finished source atomically (written last, so an interrupted source is redone). */
export function savePart(outDir, id, key, rows) {
  mkdirSync(join(outDir, '.parts'), { recursive: true });
  const p = partPath(outDir, id);
  writeFileSync(`${p}.tmp`, [`# ${key}`, ...rows.map(rowLine)].join('\n') + '\n');
  renameSync(`${p}.tmp`, p);
}

export function writeManifest(outDir, rows) {
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : 1));
  writeFileSync(join(outDir, 'manifest.tsv'), [COLUMNS.join('\t'), ...sorted.map(rowLine)].join('\n') + '\n');
}

const fmtMin = (s) => (s / 60).toFixed(1);

/** Per-group and per-source totals. */
export function totals(rows) {
  const groups = new Map();
  const sources = new Map();
  for (const r of rows) {
    const g = groups.get(r.group) ?? { seconds: 0, files: 0 };
    g.seconds += r.duration;
    g.files += 1;
    groups.set(r.group, g);
    const key = r.path.split('/').slice(0, 2).join('/');
    const s = sources.get(key) ?? { seconds: 0, files: 0 };
    s.seconds += r.duration;
    s.files += 1;
    sources.set(key, s);
  }
  return { groups, sources };
}

/** SOURCES.md: where every part of the set comes from and under which licence. */
export function writeSourcesMd(outDir, { split, rows, sources, packages, licences, tools, rate }) {
  const { groups, sources: bySource } = totals(rows);
  const total = rows.reduce((s, r) => s + r.duration, 0);
  const lines = [
    `# ${split === 'train' ? 'Training' : 'Test'} set: sources and licences`,
    '',
    `Built by \`scripts/make-training-set\` (see docs/data.md): mono ${rate} Hz 16-bit WAV files of 1–30 s.`,
    `Total ${fmtMin(total)} min in ${rows.length} files. Per-file source, licence and origin: \`manifest.tsv\`.`,
    '',
    '| group | minutes | files |',
    '|---|---:|---:|',
    ...[...groups.entries()].map(([g, t]) => `| ${g} | ${fmtMin(t.seconds)} | ${t.files} |`),
    '',
    '## Sources',
    '',
    '| folder | Debian package (version) | licence (debian/copyright) | minutes | files | what |',
    '|---|---|---|---:|---:|---|',
  ];
  for (const src of sources) {
    const t = bySource.get(`${src.group}/${src.id}`);
    if (!t) continue;
    const pkgs = [src.pkg, ...(src.voicePkgs ?? [])].filter(Boolean);
    const pkgText = pkgs.length ? pkgs.map((p) => `${p} (${packages.get(p)?.version ?? 'installed'})`).join(', ') : 'generated';
    const lic = src.licence ?? (src.pkg ? licences.get(src.pkg)?.main : src.kind.startsWith('quiet-') && ['quiet-silence', 'quiet-noise'].includes(src.kind) ? 'CC0-1.0' : 'as the clips it reuses');
    lines.push(`| ${src.group}/${src.id} | ${pkgText} | ${lic ?? 'see manifest'} | ${fmtMin(t.seconds)} | ${t.files} | ${src.note ?? ''} |`);
  }
  lines.push(
    '',
    'Text read by the TTS voices comes from the Debian fortune packages (fortunes, fortunes-min, fortunes-de/es/it/ru/pl/cs/br/eo/ga/bg; ',
    'see each package\'s copyright file) and /usr/share/common-licenses (base-files). The licence column of manifest.tsv names both',
    'the voice data licence and the text licence of every utterance.',
    '',
    'Every package\'s full copyright file is at /usr/share/doc/PACKAGE/copyright in the package (and under',
    '`data/.cache/x/PACKAGE/` after a build).',
    '',
    '## Tools',
    '',
    ...tools.map((t) => `- ${t}`),
    '',
  );
  writeFileSync(join(outDir, 'SOURCES.md'), lines.join('\n'));
}
