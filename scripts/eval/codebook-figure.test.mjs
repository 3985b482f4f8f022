import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawCodebookFigure } from './codebook-figure.mjs';

test('mask rows show n[t] lit codebooks per frame, time-aligned with p[t]', () => {
  const frames = 120;
  const hop = 320;
  const p = Array.from({ length: frames }, (_, t) => (t < 60 ? 0.9 : 0.05));
  const levels = [0.5, 1].map((level) => ({ level, kbps: 1, counts: p.map((v) => Math.min(8, Math.floor(level * 8 * v) + 1)) }));
  const x = Float32Array.from({ length: frames * hop }, (_, i) => (i < 60 * hop ? Math.sin(i * 0.3) : 0));
  const img = drawCodebookFigure({ clip: 'c.wav', sampleRate: 24000, hop, nCodebooks: 8, p, levels }, x, 'TEST');
  const { left, px, rowH, masks, pTop, pH } = img.layout;
  assert.equal(px, Math.floor(1000 / frames));
  masks.forEach((top, li) => {
    for (const t of [0, 30, 59, 60, 90, 119]) {
      const xx = left + t * px;
      let lit = 0;
      for (let k = 0; k < 8; k++) {
        const [r, g, b] = img.get(xx, top + 8 * rowH - (k + 1) * rowH);
        if (r > 200 && g < 160 && b < 60) lit += 1; // the orange of a used codebook
      }
      assert.equal(lit, levels[li].counts[t], `level ${levels[li].level}, frame ${t}`);
    }
  });
  // The p line sits high over the first half and low over the second.
  const rowOfLine = (t) => {
    for (let yy = pTop; yy < pTop + pH; yy++) {
      const [r, , b] = img.get(left + t * px + Math.floor(px / 2), yy);
      if (b > 150 && r < 60) return yy - pTop;
    }
    return -1;
  };
  assert.ok(rowOfLine(20) >= 0 && rowOfLine(20) < pH * 0.2);
  assert.ok(rowOfLine(100) > pH * 0.8);
});
