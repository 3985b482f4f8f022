import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = import.meta.dirname;
const shipped = (readdirSync(src, { recursive: true }) as string[]).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing'),
);

describe('portability of the shipped source', () => {
  it('uses no Node-only APIs (runs unchanged in browsers) and imports nothing outside the package', () => {
    expect(shipped.length).toBeGreaterThan(15);
    for (const f of shipped) {
      const text = readFileSync(join(src, f), 'utf8');
      expect(text, f).not.toMatch(/from\s+['"]node:|require\(|\bBuffer\b|\bprocess\./);
      for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) expect(m[1], f).toMatch(/^\.\.?\//);
      expect(text, f).not.toMatch(/Math\.random/);
    }
  });
});
