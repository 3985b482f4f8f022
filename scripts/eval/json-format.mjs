// JSON for results files: readable diffs without one line per number — objects and arrays that
// hold only primitives go on one line, everything else is indented.

/**
 * @param {unknown} value
 * @param {string} [indent]
 * @returns {string}
 */
export function formatJson(value, indent = '') {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const flat = (Array.isArray(value) ? value : Object.values(value)).every((v) => v === null || typeof v !== 'object');
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (flat) return `[${value.map((v) => formatJson(v)).join(',')}]`;
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  if (flat) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${formatJson(v)}`).join(',')}}`;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
