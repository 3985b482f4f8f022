// Long fuzz run: `pnpm fuzz` (root) or `pnpm --filter @vrvq/bitstream fuzz [cases] [seed]`.
// Runs the same harness as the CI fuzz test (src/fuzz.test.ts) with many more cases and prints
// how many ran and how they ended. Defaults: 200,000 cases, seed from the clock (printed).
import { spawnSync } from 'node:child_process';

const cases = process.argv[2] ?? process.env.VRVQ_FUZZ_CASES ?? '200000';
const seed = process.argv[3] ?? process.env.VRVQ_FUZZ_SEED ?? String(Date.now() % 2 ** 31);
console.log(`fuzzing ${cases} cases, seed ${seed} (rerun: pnpm --filter @vrvq/bitstream fuzz ${cases} ${seed})`);
const run = spawnSync('vitest', ['run', 'src/fuzz.test.ts', '-t', 'mutated files'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, VRVQ_FUZZ_CASES: cases, VRVQ_FUZZ_SEED: seed },
});
process.exit(run.status ?? 1);
