import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, MODELS, shippedModelUrl, weightsDirUrl } from './index.js';

const dir = fileURLToPath(new URL('../weights/', import.meta.url));

describe('shipped model catalog', () => {
  it('lists exactly the weights files in weights/', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.safetensors')).sort();
    expect(MODELS.map((m) => m.file).sort()).toEqual(files);
  });
  for (const m of MODELS) {
    it(`${m.name}: size and SHA-256 match the file, and it is small enough to ship`, () => {
      const bytes = readFileSync(fileURLToPath(shippedModelUrl(m.name)!));
      expect(bytes.length).toBe(m.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256);
      expect(bytes.length).toBeLessThanOrEqual(20 * 2 ** 20);
    });
  }
  it('the default model is shipped once one is listed', () => {
    if (MODELS.length) expect(MODELS.map((m) => m.name)).toContain(DEFAULT_MODEL);
    expect(fileURLToPath(weightsDirUrl())).toMatch(/weights\/?$/);
  });
});
