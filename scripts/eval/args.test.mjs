import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEvaluateArgs } from './args.mjs';
import { DEFAULT_LEVELS, DEFAULT_OPUS_KBPS } from './settings.mjs';

test('defaults, lists and switches', () => {
  const a = parseEvaluateArgs(['--', '--model', 'm.safetensors']);
  assert.equal(a.model, 'm.safetensors');
  assert.equal(a.perGroup, 8);
  assert.equal(a.maxSeconds, 8);
  assert.equal(a.maxClips, undefined);
  assert.deepEqual(a.levels, DEFAULT_LEVELS);
  assert.deepEqual(a.opusKbps, DEFAULT_OPUS_KBPS);
  assert.equal(a.out, 'docs/results/results.json');
  const b = parseEvaluateArgs(['--model', 'm', '--levels', '0.2, 1', '--no-opus', '--max-clips', '3', '--ramp', 'r']);
  assert.deepEqual(b.levels, [0.2, 1]);
  assert.deepEqual(b.opusKbps, []);
  assert.equal(b.maxClips, 3);
  assert.equal(b.ramp, 'r');
  assert.equal(parseEvaluateArgs(['--help']).help, true);
});

test('bad command lines fail with code "usage"', () => {
  assert.throws(() => parseEvaluateArgs([]), { code: 'usage', message: /--model is required/ });
  assert.throws(() => parseEvaluateArgs(['--model', 'm', '--levels', '0.5,x']), { code: 'usage', message: /--levels/ });
  assert.throws(() => parseEvaluateArgs(['--model', 'm', '--max-clips', '1.5']), { code: 'usage', message: /integer/ });
  assert.throws(() => parseEvaluateArgs(['--model', 'm', '--bogus']), { code: 'usage' });
});
