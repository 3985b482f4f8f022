// Long fuzz run: `pnpm fuzz` (root) or `pnpm --filter @vrvq/bitstream fuzz [cases] [seed]`.
// Runs the same harness as the CI fuzz test (src/fuzz.test.ts) with many more cases and prints
// how many ran and how they ended. Defaults: 200,000 cases, seed from the clock (printed).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2).filter((a) => a !== '--'); // pnpm forwards a literal `--`
const cases = args[0] ?? process.env.VRVQ_FUZZ_CASES ?? '200000';
const seed = args[1] ?? process.env.VRVQ_FUZZ_SEED ?? String(Date.now() % 2 ** 31);
for (const [name, v] of [['cases', cases], ['seed', seed]]) {
  if (!/^\d+$/.test(v)) {
    console.error(`fuzz: ${name} must be a non-negative integer, got "${v}"`);
    process.exit(2);
  }
}
console.log(`fuzzing ${cases} cases, seed ${seed} (rerun: pnpm --filter @vrvq/bitstream fuzz ${cases} ${seed})`);
const run = spawnSync('vitest', ['run', 'src/fuzz.test.ts', '-t', 'mutated files'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, VRVQ_FUZZ_CASES: cases, VRVQ_FUZZ_SEED: seed },
});
process.exit(run.status ?? 1);
