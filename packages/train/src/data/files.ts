import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { TrainError } from '../errors.js';
import { seedFor } from './seed.js';

/** File extensions read as audio. */
export const AUDIO_EXTENSIONS = ['.wav', '.flac', '.ogg', '.oga', '.opus', '.mp3'];
/** File extensions read as lists of audio paths (one per line, or a TSV whose first column is a path). */
export const LIST_EXTENSIONS = ['.txt', '.lst', '.tsv', '.csv'];

const isAudio = (p: string) => AUDIO_EXTENSIONS.includes(extname(p).toLowerCase());

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && isAudio(p)) out.push(p);
  }
  return out;
}

/**
 * Parses a list file: one path per line (relative paths are relative to the list's folder),
 * `#` comments and blank lines ignored; for .tsv/.csv the first column, skipping a header whose
 * first field is `path` or `file`.
 */
export function parseListFile(text: string, listPath: string): string[] {
  const ext = extname(listPath).toLowerCase();
  const delim = ext === '.tsv' ? '\t' : ext === '.csv' ? ',' : null;
  const base = dirname(listPath);
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const first = (delim ? t.split(delim)[0] : t).trim();
    if (i === 0 && delim && /^(path|file|filename)$/i.test(first)) return;
    out.push(resolve(base, first));
  });
  return out;
}

/** All audio files under a folder (recursive), in a list file, or the file itself; sorted. */
export async function listAudioFiles(path: string): Promise<string[]> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(path);
  } catch {
    throw new TrainError('no-data', `training data path '${path}' does not exist`);
  }
  if (s.isDirectory()) return (await walk(path)).sort();
  if (LIST_EXTENSIONS.includes(extname(path).toLowerCase())) {
    return parseListFile(await readFile(path, 'utf8'), path).sort();
  }
  if (isAudio(path)) return [resolve(path)];
  throw new TrainError('no-data', `'${path}' is neither a folder, a list file (${LIST_EXTENSIONS.join(' ')}) nor audio`);
}

/** A named group of sources (folders, list files or audio files). */
export interface GroupSpec {
  name: string;
  paths: string[];
}

/**
 * Groups of a data folder such as `scripts/make-training-set` writes (`data/train/<group>/…`):
 * every sub-folder holding audio is a group named after it; audio directly in the folder forms a
 * group named after the folder. A `manifest.tsv` with `path` and `group` columns, if present,
 * takes precedence.
 */
export async function groupsFromDirectory(dir: string): Promise<GroupSpec[]> {
  const manifest = join(dir, 'manifest.tsv');
  const m = await readFile(manifest, 'utf8').catch(() => null);
  if (m !== null) {
    const lines = m.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
    const header = lines[0]?.split('\t').map((h) => h.trim().toLowerCase()) ?? [];
    const pi = header.indexOf('path');
    const gi = header.indexOf('group');
    if (pi >= 0 && gi >= 0) {
      const groups = new Map<string, string[]>();
      for (const l of lines.slice(1)) {
        const f = l.split('\t');
        const g = f[gi]?.trim();
        const p = f[pi]?.trim();
        if (!g || !p) continue;
        if (!groups.has(g)) groups.set(g, []);
        groups.get(g)!.push(resolve(dir, p));
      }
      if (groups.size > 0) return [...groups.entries()].sort().map(([name, paths]) => ({ name, paths }));
    }
  }
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new TrainError('no-data', `training data folder '${dir}' does not exist`);
  }
  const groups: GroupSpec[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const files = await walk(join(dir, e.name));
    if (files.length > 0) groups.push({ name: e.name, paths: [join(dir, e.name)] });
  }
  if (entries.some((e) => e.isFile() && isAudio(e.name))) {
    const rootName = resolve(dir).split(sep).pop() || 'data';
    groups.push({ name: rootName, paths: entries.filter((e) => e.isFile() && isAudio(e.name)).map((e) => join(dir, e.name)) });
  }
  if (groups.length === 0) throw new TrainError('no-data', `no audio found under '${dir}'`);
  return groups;
}

/**
 * Deterministic held-out split by a hash of each path relative to `root` (stable when files are
 * added): a file is held out when its hash falls below `share`. With share > 0 and at least two
 * files, at least one is held out and at least one kept.
 */
export function splitHeldOut(files: readonly string[], share: number, seed: number, root = '.'): { train: string[]; validation: string[] } {
  if (share <= 0 || files.length < 2) return { train: [...files], validation: [] };
  const scored = files.map((f) => ({ f, h: seedFor('split', seed, relative(root, f)) / 4294967296 }));
  let validation = scored.filter((s) => s.h < share);
  if (validation.length === 0) validation = [scored.reduce((a, b) => (b.h < a.h ? b : a))];
  if (validation.length === files.length) validation = validation.slice(0, -1);
  const held = new Set(validation.map((s) => s.f));
  return { train: files.filter((f) => !held.has(f)), validation: files.filter((f) => held.has(f)) };
}
