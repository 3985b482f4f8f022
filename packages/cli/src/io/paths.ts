import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export const AUDIO_EXTS = new Set(['.wav', '.wave', '.flac', '.ogg', '.oga', '.opus', '.mp3']);

/** `dir/name.ext` → `dir/name.newExt`. */
export function replaceExt(path: string, newExt: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path) + newExt;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Files directly inside `dir` whose extension is in `exts`, sorted. */
export async function filesWithExt(dir: string, exts: Set<string>): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => exts.has(extname(n).toLowerCase()) && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
}

export const stem = (p: string) => basename(p, extname(p));
