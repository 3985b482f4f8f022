// Measures encode/decode speed (× real time) of the built app in headless Chromium per backend and
// model, on a generated clip, second run (the first includes shader/kernel compilation).
// VRVQ_SPEED="wasm:default:8,webgpu:vrvq-micro:2" picks backend:model:seconds runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '@vrvq/audio';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { launchChromium } from './browser.js';
import { type StaticServer, serveStatic } from './static-server.js';

const runs = (process.env.VRVQ_SPEED ?? 'wasm:default:8,wasm:vrvq-micro:8,webgpu:vrvq-micro:2,webgpu:default:2').split(',').map((r) => {
  const [backend, model, seconds] = r.split(':');
  return { backend, model, seconds: Number(seconds) };
});
let server: StaticServer;
let browser: BrowserContext;
const tmp = mkdtempSync(join(tmpdir(), 'vrvq-speed-'));

beforeAll(async () => {
  server = await serveStatic(join(import.meta.dirname, '..', 'dist'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function clip(seconds: number): string {
  const sr = 24000;
  const x = Float32Array.from({ length: seconds * sr }, (_, i) => 0.3 * Math.sin(2 * Math.PI * 220 * (i / sr)) * Math.sin(i / 3000) ** 2);
  const file = join(tmp, `clip-${seconds}s.wav`);
  writeFileSync(file, encodeWav({ sampleRate: sr, channels: [x] }));
  return file;
}

it('measures encode and decode speed per backend and model', async () => {
  const rows: string[] = [];
  for (const r of runs) {
    const page = await browser.newPage();
    await page.goto(`${server.url}?backend=${r.backend}&model=${r.model}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
    const active = await page.locator('#backend-status').getAttribute('data-active');
    const file = clip(r.seconds);
    let enc = '';
    let dec = '';
    for (let pass = 0; pass < 2; pass++) {
      await page.setInputFiles('#file', file);
      await page.waitForFunction(() => document.body.dataset.decoded === 'stale', null, { timeout: 900_000 });
      await page.waitForFunction(() => document.body.dataset.decoded === 'current', null, { timeout: 900_000 });
      enc = (await page.textContent('#encode-time')) ?? '';
      dec = (await page.textContent('#decode-time')) ?? '';
    }
    const adapter = (await page.textContent('#webgpu-status')) ?? '';
    rows.push(`| ${active} | ${r.model} | ${r.seconds} s | ${enc} | ${dec} |${active === 'webgpu' ? ` ${adapter}` : ''}`);
    await page.close();
  }
  console.log(['| backend | model | clip | encode | decode |', '|---|---|---|---|---|', ...rows].join('\n'));
});
