import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkpointTable } from './checkpoint-table.mjs';

const m = (kbps, mel) => ({ kbps, melDistance: mel });
const results = (shift) => ({
  settings: [
    { system: 'vrvq-vbr', param: 1, mean: m(1.2, 2 + shift) },
    { system: 'vrvq-cbr', param: 1, mean: m(0.75, 2.3) },
    { system: 'vrvq-cbr', param: 8, mean: m(6, 2.1) },
  ],
  comparisons: {
    vbrVsCbr: [{ deltaMel: -0.05 + shift }, { deltaMel: 0.01 + shift }, { deltaMel: null }],
    quietVsSpeech: [
      { quietOverSpeech: 0.9, pausesOverSpeech: 0.95, quietOverSpeechFile: 0.4, pausesOverSpeechFile: null },
      { quietOverSpeech: 0.3, pausesOverSpeech: 0.5, quietOverSpeechFile: 0.2, pausesOverSpeechFile: null },
    ],
  },
});

test('one column per evaluation, counts and ranges from its comparisons', () => {
  const t = checkpointTable([{ label: 'a', results: results(0) }, { label: 'b', results: results(0.1) }], { levels: [1] });
  const lines = t.split('\n');
  assert.equal(lines[0], '|  | a | b |');
  assert.match(t, /\| VBR mel below own CBR curve \(levels\) \| 1 of 2 \| 0 of 2 \|/);
  assert.match(t, /\| Δ mel VBR − CBR \(range\) \| -0\.050 … 0\.010 \| 0\.050 … 0\.110 \|/);
  assert.match(t, /\| VBR ℓ = 1: kbps \/ mel \| 1\.20 \/ 2\.000 \| 1\.20 \/ 2\.100 \|/);
  assert.match(t, /\| CBR n = 1 \/ 8: mel \| 2\.300 \/ 2\.100 \|/);
  assert.match(t, /\| quiet \/ speech, raw \(range over ℓ\) \| 0\.30 … 0\.90 \|/);
  assert.match(t, /\| pauses \/ speech, entropy-coded \| – \| – \|/);
});
