// scripts/fork-run.mjs on a real two-step micro run: the fork shares the history up to its step,
// carries the changed settings, resumes with the CLI, and refuses bad input before writing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const root = join(import.meta.dirname, '..');
const node = (args) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
const cli = (args) => node([join(root, 'packages/cli/dist/bin.js'), ...args, '-q']);
const fork = (args) => node([join(root, 'scripts/fork-run.mjs'), ...args]);
const lines = (run) => readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let dir;
let src;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrvq-fork-test-'));
  src = join(dir, 'src');
  const data = ['--set', 'data.train={"generated":{}}', '--set', 'data.validation.share=0'];
  const every = ['--set', 'validation.every=1000', '--set', 'checkpoint.every=1', '--set', 'checkpoint.keep=5', '--set', 'logEvery=1'];
  const r = cli(['train', '--model', 'vrvq-micro', '--run', src, '--steps', '2', ...data, ...every]);
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('forks at a chosen step with changed settings, and the fork resumes from there', () => {
  const dst = join(dir, 'cbr');
  const r = fork([src, dst, '--step', '1', '--set', 'mode=cbr', '--set', 'quantizer.dropoutRate=0.5']);
  assert.equal(r.status, 0, r.stderr);
  const config = JSON.parse(readFileSync(join(dst, 'config.json'), 'utf8'));
  assert.equal(config.mode, 'cbr');
  assert.equal(config.quantizer.dropoutRate, 0.5);
  assert.deepEqual(JSON.parse(readFileSync(join(dst, 'checkpoints', 'latest.json'), 'utf8')), { step: 1, dir: 'step-00000001' });
  const event = lines(dst).at(-1);
  assert.equal(event.event, 'fork');
  assert.deepEqual(event.data.changes, { mode: 'cbr', 'quantizer.dropoutRate': 0.5 });
  assert.ok(lines(dst).every((l) => l.step <= 1));
  const resumed = cli(['train', '--run', dst, '--resume', '--steps', '2']);
  assert.equal(resumed.status, 0, resumed.stderr);
  const trained = lines(dst).filter((l) => l.type === 'train');
  assert.deepEqual(trained.map((l) => l.step), [1, 2]);
  assert.equal(trained.at(-1).loss.rate, 0); // CBR from the fork on
});

test('refuses unknown settings, invalid values, missing steps and an existing folder, writing nothing', () => {
  const dst = join(dir, 'bad');
  for (const [args, message] of [
    [['--set', 'quantizer.nope=1'], /no such setting/],
    [['--set', 'mode'], /key.path=value/],
    [['--set', 'mode="xyz"'], /mode must be one of/],
    [['--step', '7'], /no checkpoint at step 7/],
  ]) {
    const r = fork([src, dst, ...args]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, message);
    assert.equal(existsSync(dst), false);
  }
  mkdirSync(dst);
  assert.match(fork([src, dst]).stderr, /exists already/);
});

test('a run whose config predates a setting can still fork with it (filled with its default first)', () => {
  const old = join(dir, 'old');
  cpSync(src, old, { recursive: true });
  const config = JSON.parse(readFileSync(join(old, 'config.json'), 'utf8'));
  delete config.quantizer.quietRate;
  writeFileSync(join(old, 'config.json'), JSON.stringify(config));
  const dst = join(dir, 'quiet');
  const r = fork([old, dst, '--set', 'quantizer.quietRate.boost=4']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(dst, 'config.json'), 'utf8')).quantizer.quietRate, { boost: 4, fromDb: -40, toDb: -60 });
});
