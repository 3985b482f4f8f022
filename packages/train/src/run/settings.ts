/**
 * `key.path=value` settings from a command line (`vrvq train --set`, `scripts/fork-run.mjs --set`):
 * the value is read as JSON when it parses (`3e-4`, `true`, `[2,3]`, `"cbr"`), else as the bare string.
 */
export interface Setting {
  /** Dotted path into the config, e.g. `optimizer.lr`. */
  path: string;
  value: unknown;
}

export function parseSetting(kv: string): Setting {
  const eq = kv.indexOf('=');
  if (eq <= 0) throw new Error(`a setting needs key.path=value, got '${kv}'`);
  const path = kv.slice(0, eq);
  if (path.split('.').some((k) => k === '')) throw new Error(`'${path}' is not a key path (empty part)`);
  const raw = kv.slice(eq + 1);
  try {
    return { path, value: JSON.parse(raw) };
  } catch {
    return { path, value: raw };
  }
}

/** Sets `obj[a][b]…` for the path `a.b.…`, creating missing objects on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] as string] = value;
}

/** Whether `obj` has the path `a.b.…` (every part but the last an object). */
export function hasPath(obj: Record<string, unknown>, path: string): boolean {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !(k in cur)) return false;
    cur = (cur as Record<string, unknown>)[k];
  }
  return true;
}
