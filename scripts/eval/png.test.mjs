import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { crc32, encodePng } from './png.mjs';
import { Raster } from './raster.mjs';

/** Reads a PNG back: chunk list (CRC-checked), IHDR fields and the unfiltered RGB rows. */
function decodePng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks = [];
  for (let o = 8; o < bytes.length; ) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    assert.equal(v.getUint32(o + 8 + len), zlibCrc32(bytes.subarray(o + 4, o + 8 + len)), `CRC of ${type}`);
    chunks.push({ type, data: bytes.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
  }
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 3 + 1)], 0);
    rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
  }
  return { types: chunks.map((c) => c.type), width, height, depth: chunks[0].data[8], colour: chunks[0].data[9], rgb };
}

test('crc32 agrees with zlib and the standard check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
  assert.equal(crc32(data), zlibCrc32(data));
});

test('encodePng round-trips every pixel through a PNG reader', () => {
  const w = 37;
  const h = 11;
  const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 13 + (i >> 5)) & 0xff);
  const png = decodePng(encodePng(w, h, rgb));
  assert.deepEqual(png.types, ['IHDR', 'IDAT', 'IEND']);
  assert.equal(png.width, w);
  assert.equal(png.height, h);
  assert.equal(png.depth, 8);
  assert.equal(png.colour, 2);
  assert.deepEqual(png.rgb, rgb);
  assert.throws(() => encodePng(2, 2, new Uint8Array(11)), RangeError);
});

test('Raster draws rectangles and text where asked', () => {
  const r = new Raster(40, 20, [255, 255, 255]);
  r.fillRect(2, 3, 4, 5, [10, 20, 30]);
  assert.deepEqual(r.get(2, 3), [10, 20, 30]);
  assert.deepEqual(r.get(5, 7), [10, 20, 30]);
  assert.deepEqual(r.get(6, 7), [255, 255, 255]);
  assert.deepEqual(r.get(5, 8), [255, 255, 255]);
  r.text(10, 2, 'I', [0, 0, 0]); // 'I' is ".###." on the top row, ". . # . ." below
  assert.deepEqual(r.get(10, 2), [255, 255, 255]);
  assert.deepEqual(r.get(11, 2), [0, 0, 0]);
  assert.deepEqual(r.get(12, 4), [0, 0, 0]);
  assert.equal(Raster.textWidth('ab', 2), 2 * 6 * 2 - 2);
  assert.deepEqual(decodePng(r.toPng()).rgb, r.data);
});
