#!/usr/bin/env node
// Runs every package's tests through turbo (which builds what they need first), then prints one
// summary line over all vitest JSON reports: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const workspaces = ['packages', 'apps', 'tools'].flatMap((top) =>
  readdirSync(join(root, top)).map((d) => join(root, top, d)),
);
for (const ws of workspaces) rmSync(join(ws, 'test-results'), { recursive: true, force: true });

const args = ['run', 'test', '--continue', '--output-logs=new-only', '--log-order=grouped', '--concurrency=1', ...process.argv.slice(2)];
const turbo = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
const run = spawnSync(turbo, args, { stdio: 'inherit', cwd: root });
if (run.error) console.error(`could not start turbo: ${run.error.message}`);

let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
for (const ws of workspaces) {
  const file = join(ws, 'test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  suites += 1;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a package whose run crashed before reporting
console.log(`\nvitest reports from ${suites} packages`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code !== 0 ? code : failed > 0 ? 1 : 0);
