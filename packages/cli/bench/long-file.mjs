#!/usr/bin/env node
// Encodes and decodes long generated WAV files with the built CLI and reports peak memory (max RSS)
// and speed per duration, to show that memory does not grow with the length of the input. With
// --threads 1,2 it runs each file once per thread count (wall and process CPU time, start-up
// included) and checks that every count writes the same .vrvq and WAV bytes.
//
//   node bench/long-file.mjs [--minutes 1,10,60] [--model vrvq-micro] [--rate 44100] [--channels 2] [--threads 1,2]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeSync, closeSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { wavHeader, encodeWavFrames } from '@vrvq/audio';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1,10,60' },
    model: { type: 'string', default: 'vrvq-micro' },
    rate: { type: 'string', default: '44100' },
    channels: { type: 'string', default: '2' },
    threads: { type: 'string', default: '' },
  },
});
/** Thread counts to run ('' = the CLI's default, no --threads). */
const threadCounts = values.threads === '' ? [''] : values.threads.split(',');
const rate = Number(values.rate);
const channels = Number(values.channels);
const main = new URL('../dist/index.js', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'vrvq-long-'));

/** Writes an N-minute WAV block by block (speech-like bursts and pauses), never holding it whole. */
function writeWav(path, minutes) {
  const frames = Math.round(minutes * 60 * rate);
  const format = { sampleRate: rate, channels, bitDepth: 16, float: false };
  const fd = openSync(path, 'w');
  writeSync(fd, wavHeader(format, frames));
  const block = rate;
  for (let start = 0; start < frames; start += block) {
    const n = Math.min(block, frames - start);
    const chans = Array.from({ length: channels }, (_, c) =>
      Float32Array.from({ length: n }, (_, i) => {
        const t = (start + i) / rate;
        const on = Math.floor(t / 1.7) % 3 !== 2 ? 1 : 0;
        return on * 0.3 * Math.sin(2 * Math.PI * (180 + 60 * c + 40 * Math.sin(t)) * t);
      }),
    );
    writeSync(fd, encodeWavFrames(chans, format, start));
  }
  closeSync(fd);
}

function run(args) {
  const code = `import(${JSON.stringify(main)}).then((m) => m.main(${JSON.stringify(args)})).then((c) => { const u = process.resourceUsage(); process.stderr.write('MAXRSS ' + u.maxRSS + ' CPU ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); process.exit(c); })`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`vrvq ${args.join(' ')} failed: ${r.stderr}`);
  const [, kb, us] = /MAXRSS (\d+) CPU (\d+)/.exec(r.stderr).map(Number);
  return { seconds, cpuS: us / 1e6, maxRssMB: kb / 1024 };
}

const rows = [];
for (const m of values.minutes.split(',').map(Number)) {
  const wav = join(dir, `in-${m}.wav`);
  writeWav(wav, m);
  let first = null;
  for (const t of threadCounts) {
    const enc = join(dir, `in-${m}-${t}.vrvq`);
    const out = join(dir, `out-${m}-${t}.wav`);
    const threadArgs = t === '' ? [] : ['--threads', t];
    const e = run(['encode', wav, '-o', enc, '--model', values.model, '-q', ...threadArgs]);
    const d = run(['decode', enc, '-o', out, '--model', values.model, '-q', ...threadArgs]);
    const same = statSync(out).size === statSync(wav).size;
    let identical = null;
    if (first === null) first = { enc, out };
    else identical = readFileSync(enc).equals(readFileSync(first.enc)) && readFileSync(out).equals(readFileSync(first.out));
    rows.push({
      minutes: m,
      threads: t === '' ? 'default' : Number(t),
      inputMB: statSync(wav).size / 2 ** 20,
      encodeS: e.seconds,
      encodeCpuS: e.cpuS,
      encodeMaxRssMB: e.maxRssMB,
      decodeS: d.seconds,
      decodeCpuS: d.cpuS,
      decodeMaxRssMB: d.maxRssMB,
      outputSameSize: same,
      ...(identical === null ? {} : { identicalToFirst: identical }),
    });
    console.log(
      `${m} min (${(statSync(wav).size / 2 ** 20).toFixed(0)} MB WAV, ${rate} Hz × ${channels})${t === '' ? '' : `, ${t} thread(s)`}: encode ${e.seconds.toFixed(1)} s (CPU ${e.cpuS.toFixed(1)} s), max RSS ${e.maxRssMB.toFixed(0)} MB; decode ${d.seconds.toFixed(1)} s (CPU ${d.cpuS.toFixed(1)} s), max RSS ${d.maxRssMB.toFixed(0)} MB; output length ${same ? 'equal' : 'DIFFERENT'}${identical === null ? '' : identical ? '; same bytes as the first run' : '; BYTES DIFFER from the first run'}`,
    );
    if (identical === false) process.exitCode = 1;
  }
  rmSync(wav);
}
console.log(JSON.stringify({ model: values.model, rate, channels, rows }));
rmSync(dir, { recursive: true, force: true });
