// node --test scripts/eval/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeWav } from '../../packages/audio/dist/index.js';
import { oggCrc, oggPackets, opusPacketMode, opusPacketSamples, opusPayload, parseOggPages } from './ogg.mjs';

/** Builds one Ogg page (the writer side of RFC 3533) around already-laced segments. */
function page({ headerType = 0, granule = 0n, serial = 7, sequence = 0, segments }) {
  const lacing = segments.map((s) => s.length);
  const body = new Uint8Array(lacing.reduce((a, b) => a + b, 0));
  let o = 0;
  for (const s of segments) {
    body.set(s, o);
    o += s.length;
  }
  const out = new Uint8Array(27 + lacing.length + body.length);
  const v = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0);
  out[5] = headerType;
  v.setBigInt64(6, granule, true);
  v.setUint32(14, serial, true);
  v.setUint32(18, sequence, true);
  out[26] = lacing.length;
  out.set(lacing, 27);
  out.set(body, 27 + lacing.length);
  v.setUint32(22, oggCrc(out), true);
  return out;
}

/** Splits a packet into lacing segments (255-byte pieces, then the remainder, possibly 0). */
function segmentsOf(packet) {
  const segs = [];
  let o = 0;
  while (packet.length - o >= 255) {
    segs.push(packet.subarray(o, o + 255));
    o += 255;
  }
  segs.push(packet.subarray(o));
  return segs;
}

const filled = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const cat = (...xs) => {
  const out = new Uint8Array(xs.reduce((a, x) => a + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
};

test('oggCrc matches the CRC-32/MPEG-2-style check value of Ogg (poly 0x04c11db7, init 0)', () => {
  // "123456789" under CRC-32 with poly 0x04c11db7, init 0, no reflection, no xorout = 0x89a1897f.
  assert.equal(oggCrc(new TextEncoder().encode('123456789')), 0x89a1897f);
});

test('packets are reassembled across lacing values of 255 and across pages', () => {
  const head = cat(new TextEncoder().encode('OpusHead'), Uint8Array.from([1, 1, 0x38, 0x01, 0xc0, 0x5d, 0, 0, 0, 0, 0]));
  const tags = cat(new TextEncoder().encode('OpusTags'), filled(292, 1)); // 300 bytes: lacing 255 + 45
  const a = filled(255, 2); // exactly 255: needs a terminating 0-length segment
  const b = filled(700, 3); // spans two pages
  const c = filled(10, 4);
  const bSegs = segmentsOf(b); // 255, 255, 190
  const bytes = cat(
    page({ headerType: 2, sequence: 0, segments: segmentsOf(head) }),
    page({ sequence: 1, segments: segmentsOf(tags) }),
    page({ sequence: 2, segments: [...segmentsOf(a), ...bSegs.slice(0, 2)] }),
    page({ headerType: 1, sequence: 3, segments: [...bSegs.slice(2), ...segmentsOf(c)] }),
    page({ headerType: 4, sequence: 4, granule: 1234n, segments: segmentsOf(c) }),
  );
  const { packets, pages, lastGranule } = oggPackets(bytes);
  assert.equal(pages.length, 5);
  assert.deepEqual(
    packets.map((p) => p.length),
    [head.length, 300, 255, 700, 10, 10],
  );
  assert.deepEqual(packets[3], b);
  assert.equal(lastGranule, 1234n);
  const info = opusPayload(bytes);
  assert.equal(info.payloadBytes, 255 + 700 + 10 + 10);
  assert.equal(info.packets, 4);
  assert.equal(info.headerBytes, head.length + 300);
  assert.equal(info.preSkip, 312);
  assert.equal(info.inputRate, 24000);
  assert.equal(info.payloadBytes + info.headerBytes + info.containerBytes, bytes.length);
  assert.equal(info.containerBytes, pages.reduce((s, p) => s + p.headerSize, 0));
});

test('a corrupted page, a bad continuation flag or a non-Opus stream is rejected', () => {
  const head = cat(new TextEncoder().encode('OpusHead'), new Uint8Array(11));
  const good = cat(page({ segments: segmentsOf(head) }), page({ sequence: 1, segments: segmentsOf(filled(20, 0)) }));
  const bad = good.slice();
  bad[40] ^= 1;
  assert.throws(() => parseOggPages(bad), { code: 'bad_ogg', message: /CRC/ });
  const cont = cat(page({ segments: segmentsOf(head) }), page({ headerType: 1, sequence: 1, segments: [filled(3, 0)] }));
  assert.throws(() => oggPackets(cont), { code: 'bad_ogg', message: /continuation/ });
  assert.throws(() => opusPayload(good), { code: 'bad_ogg', message: /OpusTags/ });
  assert.throws(() => parseOggPages(good.subarray(0, good.length - 3)), { code: 'bad_ogg' });
});

test('Opus TOC: frame durations and coding modes', () => {
  assert.equal(opusPacketSamples(Uint8Array.of(1 << 3)), 960); // SILK NB 20 ms, one frame
  assert.equal(opusPacketSamples(Uint8Array.of((3 << 3) | 1)), 2 * 2880); // SILK NB 60 ms, two frames
  assert.equal(opusPacketSamples(Uint8Array.of((16 << 3) | 3, 5)), 5 * 120); // CELT 2.5 ms × 5
  assert.equal(opusPacketSamples(Uint8Array.of(13 << 3)), 960); // hybrid SWB 20 ms
  assert.equal(opusPacketMode(Uint8Array.of(1 << 3)), 'SILK NB');
  assert.equal(opusPacketMode(Uint8Array.of(9 << 3)), 'SILK WB');
  assert.equal(opusPacketMode(Uint8Array.of(14 << 3)), 'hybrid FB');
  assert.equal(opusPacketMode(Uint8Array.of(31 << 3)), 'CELT FB');
});

const haveOpus = spawnSync('opusenc', ['--version']).status === 0;

test('a real opusenc file: every byte is accounted for and packet durations match the granule', { skip: !haveOpus && 'opus-tools not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrvq-ogg-test-'));
  try {
    const sr = 24000;
    const x = Float32Array.from({ length: sr * 2 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 330 * i) / sr) + 0.05 * Math.sin(i * i * 1e-4));
    writeFileSync(join(dir, 'a.wav'), encodeWav({ sampleRate: sr, channels: [x] }));
    const r = spawnSync('opusenc', ['--quiet', '--bitrate', '12', '--hard-cbr', join(dir, 'a.wav'), join(dir, 'a.opus')]);
    assert.equal(r.status, 0);
    const bytes = new Uint8Array(readFileSync(join(dir, 'a.opus')));
    const info = opusPayload(bytes);
    assert.equal(info.payloadBytes + info.headerBytes + info.containerBytes, bytes.length);
    assert.equal(info.inputRate, sr);
    // The last granule is pre-skip + input length (48 kHz units); packets cover it, at most one frame more.
    assert.equal(info.lastGranule, BigInt(info.preSkip + 2 * x.length));
    assert.ok(info.packetSamples48k >= Number(info.lastGranule));
    assert.ok(info.packetSamples48k - Number(info.lastGranule) < 960);
    // Hard CBR at 12 kbps, 20 ms packets: 30 bytes each.
    assert.ok(Math.abs((info.payloadBytes * 8) / 2 / 1000 - 12) / 12 < 0.05, `kbps ${(info.payloadBytes * 8) / 2000}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
