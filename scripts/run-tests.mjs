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

// The playground's browser end-to-end test needs Debian's Chromium (.ci/run installs it).
const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let e2e = { status: 0 };
if (process.env.VRVQ_SKIP_E2E) {
  console.log('\nbrowser end-to-end test skipped: VRVQ_SKIP_E2E is set');
} else if (chromium) {
  e2e = spawnSync('pnpm', ['--filter', '@vrvq/playground', 'test:e2e'], { stdio: 'inherit', cwd: root });
  if (e2e.error) console.error(`could not start the browser test: ${e2e.error.message}`);
} else {
  console.log('\nbrowser end-to-end test skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
}

// The scripts' own tests (evaluation, fork-run: plain Node scripts, node:test).
const scriptTests = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'scripts/'], { cwd: root, encoding: 'utf8' });
process.stdout.write(scriptTests.stdout.split('\n').filter((l) => /^(not ok|# (tests|pass|fail))/.test(l)).map((l) => `scripts: ${l}\n`).join(''));
if (scriptTests.status !== 0) process.stdout.write(scriptTests.stdout + scriptTests.stderr);
const tapCount = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(scriptTests.stdout)?.[1] ?? 0);

let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
const reports = workspaces.flatMap((ws) => ['vitest.json', 'e2e.json'].map((f) => join(ws, 'test-results', f)));
for (const file of reports) {
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  suites += 1;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
passed += tapCount('pass');
failed += tapCount('fail');
const code = (run.status ?? 1) || (e2e.status ?? 1) || (scriptTests.status ?? 1);
if (code !== 0 && failed === 0) failed = 1; // a package whose run crashed before reporting
console.log(`\nvitest reports: ${suites}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code !== 0 ? code : failed > 0 ? 1 : 0);
