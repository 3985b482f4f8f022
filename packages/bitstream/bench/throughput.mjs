// Throughput of raw and entropy coding, and what entropy coding saves, on synthetic frames.
// Run after a build: `pnpm --filter @vrvq/bitstream bench` (or `node bench/throughput.mjs`).
// Deterministic data (seeded), ~10-20 s on a 2-core machine.
import { decodeFile, encodeFile, rawPayloadBits } from '../dist/index.js';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Frames of one channel: counts a slow random walk (or uniform), codes uniform or skewed per level. */
function frames(rand, T, nq, kind) {
  const counts = new Uint8Array(T);
  let n = Math.ceil(nq / 2);
  for (let t = 0; t < T; t++) {
    if (kind === 'uniform') n = 1 + Math.floor(rand() * nq);
    else if (rand() < 0.15) n = Math.min(nq, Math.max(1, n + (rand() < 0.5 ? -1 : 1)));
    counts[t] = n;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const codes = new Int32Array(total);
  // 'skewed': geometric with mean 12 (≈ 5.0 bits of entropy per code instead of 10);
  // 'mild': geometric with mean 200 (≈ 9.1 bits), closer to what trained codebooks look like.
  const mean = kind === 'skewed' ? 12 : 200;
  for (let i = 0; i < total; i++) {
    codes[i] = kind === 'uniform' ? Math.floor(rand() * 1024) : Math.min(1023, Math.floor(-Math.log(1 - rand()) * mean));
  }
  return { counts, codes };
}

const header = {
  modelName: 'vrvq-44khz-8q',
  weightsHash: new Uint8Array(16),
  sampleRate: 44_100,
  hop: 512,
  nq: 8,
  codebookSize: 1024,
  channels: 1,
  originalLength: null,
  rate: { mode: 'vbr', level: 1 },
};

function time(f, minMs = 800) {
  let runs = 0;
  const t0 = performance.now();
  let dt = 0;
  do {
    f();
    runs++;
    dt = performance.now() - t0;
  } while (dt < minMs);
  return dt / runs / 1000;
}

const T = 86 * 60; // one minute of frames at 44.1 kHz / 512
console.log(`bitstream bench: ${T} frames (60 s at 86 Hz), N_q 8, 1024-entry codebooks, mono, default chunks (512 frames)\n`);
console.log('data     | coding  |   bytes | vs raw  | encode MB/s | decode MB/s | encode × real time');
for (const kind of ['uniform', 'mild', 'skewed']) {
  const ch = frames(prng(7), T, 8, kind);
  const paperBytes = rawPayloadBits(ch.counts, 8, 1024, 'vbr') / 8;
  let rawSize = 0;
  for (const coding of ['raw', 'entropy']) {
    const bytes = encodeFile(header, [ch], { coding });
    if (coding === 'raw') rawSize = bytes.length;
    const enc = time(() => encodeFile(header, [ch], { coding }));
    const dec = time(() => decodeFile(bytes));
    const mb = paperBytes / 1e6; // throughput measured in raw-payload megabytes
    console.log(
      `${kind.padEnd(8)} | ${coding.padEnd(7)} | ${String(bytes.length).padStart(7)} | ${((100 * bytes.length) / rawSize).toFixed(1).padStart(6)}% | ` +
        `${(mb / enc).toFixed(1).padStart(11)} | ${(mb / dec).toFixed(1).padStart(11)} | ${(60 / enc).toFixed(0).padStart(8)}×`,
    );
  }
}
