import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
type Pkg = {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
  engines?: { node?: string };
  types?: string;
  files?: string[];
  sideEffects?: unknown;
};
const read = (dir: string): Pkg => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
const dirs = ['packages', 'apps'].flatMap((top) =>
  readdirSync(join(root, top))
    .filter((d) => existsSync(join(root, top, d, 'package.json')))
    .map((d) => `${top}/${d}`),
);
const pkgs = new Map(dirs.map((d) => [d, read(d)]));
const runtimeDeps = (p: Pkg) => Object.keys({ ...p.dependencies, ...p.peerDependencies });
const ours = (p: Pkg) => runtimeDeps(p).filter((d) => d.startsWith('@vrvq/')).sort();

/** The layering of docs/architecture.md: which of our packages each one may depend on at run time. */
const allowed: Record<string, string[]> = {
  'packages/audio': [],
  'packages/bitstream': [],
  'packages/models': [],
  'packages/rvq': [],
  'packages/core': ['@vrvq/rvq'],
  'packages/train': ['@vrvq/audio', '@vrvq/core', '@vrvq/rvq'],
  'packages/cli': ['@vrvq/audio', '@vrvq/bitstream', '@vrvq/core', '@vrvq/models', '@vrvq/rvq', '@vrvq/train'],
  'apps/playground': ['@vrvq/audio', '@vrvq/bitstream', '@vrvq/core', '@vrvq/models', '@vrvq/rvq'],
};

describe('package layering', () => {
  it('knows every package in the workspace', () => {
    expect(dirs.sort()).toEqual(Object.keys(allowed).sort());
  });
  for (const [dir, deps] of Object.entries(allowed)) {
    it(`${dir} depends only on ${deps.join(', ') || 'none of our packages'}`, () => {
      const p = pkgs.get(dir)!;
      expect(ours(p)).toEqual(deps);
    });
  }
  it('bitstream has no runtime dependencies at all (no tfjs)', () => {
    expect(runtimeDeps(pkgs.get('packages/bitstream')!)).toEqual([]);
  });
  it('audio does not depend on tfjs', () => {
    expect(runtimeDeps(pkgs.get('packages/audio')!).filter((d) => d.startsWith('@tensorflow/'))).toEqual([]);
  });
  it('rvq depends on tfjs-core only', () => {
    expect(runtimeDeps(pkgs.get('packages/rvq')!)).toEqual(['@tensorflow/tfjs-core']);
  });
  it('every @tensorflow package is pinned to 4.22.0', () => {
    for (const p of pkgs.values()) {
      for (const [k, v] of Object.entries({ ...p.dependencies, ...p.peerDependencies, ...p.devDependencies })) {
        if (k.startsWith('@tensorflow/')) expect(`${k}@${v}`).toBe(`${k}@4.22.0`);
      }
    }
  });
});

describe('publishable packages', () => {
  for (const dir of dirs.filter((d) => d.startsWith('packages/'))) {
    it(`${dir} has an exports map, types, files and engines.node >= 20`, () => {
      const p = pkgs.get(dir)!;
      expect(p.name).toBe(`@vrvq/${dir.split('/')[1]}`);
      expect(p.exports?.['.']).toBeDefined();
      expect(p.types).toBe('./dist/index.d.ts');
      expect(p.files).toContain('dist');
      expect(p.engines?.node).toBe('>=20');
      expect(p.sideEffects).toBeDefined();
    });
    it(`${dir} source has no deep imports into other packages`, () => {
      const srcDir = join(root, dir, 'src');
      const files = (readdirSync(srcDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
      for (const f of files) {
        const text = readFileSync(join(srcDir, f), 'utf8');
        const deep = [...text.matchAll(/from\s+['"](@vrvq\/[^'"]+)['"]/g)].map((m) => m[1]).filter((s) => s.split('/').length > 2);
        expect(deep, `${dir}/src/${f}`).toEqual([]);
        expect(text, `${dir}/src/${f}`).not.toMatch(/from\s+['"]\.\.\/\.\.\/(packages|apps)\//);
      }
    });
  }
});
