import { describe, expect, it } from 'vitest';
import type { BitstreamErrorCode } from './errors.js';
import { type MutationKind, mutate, seedFile, tryDecode } from './testing/fuzz.js';
import { Prng } from './testing/prng.js';

// CI runs a bounded number of cases; `pnpm fuzz` sets VRVQ_FUZZ_CASES (default there: 200,000).
const CASES = Number(process.env.VRVQ_FUZZ_CASES ?? 2000);
const SEED = Number(process.env.VRVQ_FUZZ_SEED ?? 20250101);
if (!Number.isSafeInteger(CASES) || CASES < 1 || !Number.isSafeInteger(SEED)) {
  throw new Error(`VRVQ_FUZZ_CASES and VRVQ_FUZZ_SEED must be integers (got ${process.env.VRVQ_FUZZ_CASES}, ${process.env.VRVQ_FUZZ_SEED})`);
}

describe('fuzz: mutated streams', () => {
  it(`${CASES} mutated files each decode or fail with a typed error, never crash or hang`, { timeout: Math.max(60_000, CASES * 5) }, () => {
    const rng = new Prng(SEED);
    const codes = new Map<string, number>();
    const kinds = new Map<MutationKind, number>();
    const crashes: string[] = [];
    let seeds: Uint8Array[] = [];
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      if (i % 50 === 0) seeds = Array.from({ length: 4 }, () => seedFile(rng));
      const valid = rng.pick(seeds);
      const { bytes, kind } = mutate(valid, rng);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      const s = performance.now();
      const out = tryDecode(bytes, i % 4 === 0 ? rng : undefined);
      slowest = Math.max(slowest, performance.now() - s);
      if (out.crash) {
        if (crashes.length < 5) crashes.push(`case ${i} (${kind}): ${String((out.crash as Error)?.stack ?? out.crash)}`);
        continue;
      }
      const key = out.ok ? 'decoded' : (out.code as BitstreamErrorCode);
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `fuzz: ${CASES} cases (seed ${SEED}) in ${secs.toFixed(1)} s, slowest ${slowest.toFixed(1)} ms, ${crashes.length} crash(es)\n` +
        `  outcomes: ${[...codes].map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  mutations: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    expect(crashes).toEqual([]);
    expect(slowest).toBeLessThan(2000);
    // The mutations must reach the deep checks, not just the CRC.
    for (const code of ['CRC_MISMATCH', 'TRUNCATED', 'HEADER_INVALID', 'CHUNK_INVALID', 'LIMIT_EXCEEDED'] as const) {
      if (CASES >= 2000) expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('unmutated seed files all decode', () => {
    const rng = new Prng(7);
    for (let i = 0; i < 50; i++) expect(tryDecode(seedFile(rng), rng)).toEqual({ ok: true });
  });
});
