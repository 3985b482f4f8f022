// The held-out test set (data/test, built by scripts/make-training-set): manifest reading, a
// deterministic balanced subset, and clip loading.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, resample } from '../../packages/audio/dist/index.js';
import { EvaluationError } from './errors.mjs';

/** Groups in the order --max-clips takes them (one of each before a second of any). */
export const GROUP_ORDER = ['speech', 'quiet', 'music', 'effects'];

export const REBUILD_HINT =
  'The test set is git-ignored; rebuild it with `scripts/make-training-set` (see docs/training.md and data/test/SOURCES.md once built).';

/**
 * Rows of `<dir>/manifest.tsv` (columns path, group, source, licence, duration, rms_dbfs, detail).
 * @param {string} dir
 * @returns {{ path: string, group: string, source: string, licence: string, duration: number,
 *   rmsDbfs: number, detail: string }[]}
 */
export function readManifest(dir) {
  const file = join(dir, 'manifest.tsv');
  if (!existsSync(file)) throw new EvaluationError('missing_file', `No test set manifest at ${file}. ${REBUILD_HINT}`);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const head = lines[0].split('\t');
  const col = (name) => {
    const i = head.indexOf(name);
    if (i < 0) throw new EvaluationError('bad_manifest', `${file} has no "${name}" column.`);
    return i;
  };
  const [iPath, iGroup, iSource, iLicence, iDur, iRms, iDetail] = ['path', 'group', 'source', 'licence', 'duration', 'rms_dbfs', 'detail'].map(col);
  return lines.slice(1).map((line, n) => {
    const f = line.split('\t');
    const duration = Number(f[iDur]);
    if (!f[iPath] || !f[iGroup] || !Number.isFinite(duration)) {
      throw new EvaluationError('bad_manifest', `${file} line ${n + 2} is malformed.`);
    }
    return {
      path: f[iPath],
      group: f[iGroup],
      source: f[iSource],
      licence: f[iLicence],
      duration,
      rmsDbfs: f[iRms] === '-inf' ? Number.NEGATIVE_INFINITY : Number(f[iRms]),
      detail: f[iDetail] ?? '',
    };
  });
}

/** The folder a clip comes from (`speech/tts-flite/utt-1.wav` → `speech/tts-flite`). */
const folderOf = (path) => path.split('/').slice(0, -1).join('/');

/**
 * k items spread evenly over a sorted list (indices ⌊(j + ½)·n/k⌋), in list order.
 * @template T
 * @param {T[]} list
 * @param {number} k
 * @returns {T[]}
 */
export function spread(list, k) {
  const n = list.length;
  if (k >= n) return list.slice();
  return Array.from({ length: k }, (_, j) => list[Math.floor(((j + 0.5) * n) / k)]);
}

/**
 * Splits `k` picks over folders in proportion to their sizes (largest remainder, ties by name),
 * never more than a folder holds.
 * @param {Map<string, number>} sizes folder → eligible clips
 * @param {number} k
 * @returns {Map<string, number>}
 */
export function allocate(sizes, k) {
  const names = [...sizes.keys()].sort();
  const total = names.reduce((a, n) => a + sizes.get(n), 0);
  const out = new Map(names.map((n) => [n, 0]));
  if (total === 0) return out;
  let left = Math.min(k, total);
  const exact = names.map((n) => ({ n, q: (sizes.get(n) * left) / total }));
  for (const { n, q } of exact) out.set(n, Math.min(sizes.get(n), Math.floor(q)));
  left -= [...out.values()].reduce((a, b) => a + b, 0);
  const order = exact.slice().sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || (a.n < b.n ? -1 : 1));
  while (left > 0) {
    for (const { n } of order) {
      if (left > 0 && out.get(n) < sizes.get(n)) {
        out.set(n, out.get(n) + 1);
        left -= 1;
      }
    }
  }
  return out;
}

/**
 * A deterministic balanced subset: in every group, clips of at least `minSeconds`, split over the
 * source folders in proportion to their sizes and spread evenly inside each folder; then, if
 * `maxClips` is given, taken round-robin over the groups (GROUP_ORDER first, then any others).
 * @param {ReturnType<typeof readManifest>} rows
 * @param {{ perGroup: number, minSeconds: number, maxClips?: number }} opts
 */
export function selectClips(rows, { perGroup, minSeconds, maxClips }) {
  const groups = [...new Set(rows.map((r) => r.group))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  /** @type {Map<string, typeof rows>} */
  const picked = new Map();
  for (const g of groups) {
    const eligible = rows.filter((r) => r.group === g && r.duration >= minSeconds).sort((a, b) => (a.path < b.path ? -1 : 1));
    const byFolder = new Map();
    for (const r of eligible) byFolder.set(folderOf(r.path), [...(byFolder.get(folderOf(r.path)) ?? []), r]);
    const counts = allocate(new Map([...byFolder].map(([f, l]) => [f, l.length])), perGroup);
    const list = [...byFolder.keys()].sort().flatMap((f) => spread(byFolder.get(f), counts.get(f)));
    picked.set(g, list);
  }
  const out = [];
  const cap = maxClips ?? Number.POSITIVE_INFINITY;
  for (let round = 0; out.length < cap; round++) {
    let any = false;
    for (const g of groups) {
      const r = picked.get(g)[round];
      if (r && out.length < cap) {
        out.push(r);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

const rank = (g) => {
  const i = GROUP_ORDER.indexOf(g);
  return i < 0 ? GROUP_ORDER.length : i;
};

/**
 * Loads a clip as mono at `sampleRate`: the first `maxSeconds`, cropped down to a whole number of
 * `hop`-sample frames so codec and Opus see exactly the same samples.
 * @param {string} dir test set folder
 * @param {string} path clip path relative to it
 * @param {{ sampleRate: number, maxSeconds: number, hop: number, offsetSeconds?: number }} opts
 * @returns {Float32Array}
 */
export function loadClip(dir, path, { sampleRate, maxSeconds, hop, offsetSeconds = 0 }) {
  const file = join(dir, path);
  if (!existsSync(file)) throw new EvaluationError('missing_file', `Test clip ${file} is missing. ${REBUILD_HINT}`);
  const wav = decodeWav(new Uint8Array(readFileSync(file)));
  const start = Math.round(offsetSeconds * wav.sampleRate);
  const len = Math.round(maxSeconds * wav.sampleRate);
  const mono = new Float32Array(Math.max(0, Math.min(len, wav.channels[0].length - start)));
  for (const ch of wav.channels) for (let i = 0; i < mono.length; i++) mono[i] += ch[start + i] / wav.channels.length;
  const x = wav.sampleRate === sampleRate ? mono : resample(mono, wav.sampleRate, sampleRate);
  return x.slice(0, Math.floor(x.length / hop) * hop);
}

/** RMS level in dBFS (−Infinity for digital silence). */
export function rmsDbfs(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return 10 * Math.log10(s / Math.max(1, x.length));
}
