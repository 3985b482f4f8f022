// Generated sections of a Markdown file, between `<!-- results:NAME:begin -->` and
// `<!-- results:NAME:end -->`; everything outside the markers is kept as written.
import { EvaluationError } from './errors.mjs';

export const begin = (name) => `<!-- results:${name}:begin -->`;
export const end = (name) => `<!-- results:${name}:end -->`;

/**
 * Replaces the content between the markers of each named section.
 * @param {string} doc
 * @param {Record<string, string>} sections name → new Markdown
 * @returns {{ text: string, missing: string[] }} missing: section names without markers in `doc`
 */
export function replaceSections(doc, sections) {
  let text = doc;
  const missing = [];
  for (const [name, body] of Object.entries(sections)) {
    const b = text.indexOf(begin(name));
    const e = text.indexOf(end(name));
    if (b < 0 || e < 0) {
      missing.push(name);
      continue;
    }
    if (e < b || text.indexOf(begin(name), b + 1) >= 0) {
      throw new EvaluationError('bad_results', `The markers of section "${name}" are out of order or repeated.`);
    }
    text = `${text.slice(0, b + begin(name).length)}\n${body.trim()}\n${text.slice(e)}`;
  }
  return { text, missing };
}
