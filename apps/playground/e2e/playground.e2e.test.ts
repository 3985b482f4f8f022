import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '@vrvq/audio';
import { decodeFile } from '@vrvq/bitstream';
import { VrvqCodec, initBackend, weightsHash } from '@vrvq/core';
import { constantRateKbps } from '@vrvq/rvq';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { REPO, vrvq } from './cli.js';
import { type StaticServer, serveStatic } from './static-server.js';

const DIST = join(import.meta.dirname, '..', 'dist');
// The README's screenshot is refreshed only on request (VRVQ_UPDATE_SCREENSHOT=1); ordinary runs
// write theirs under test-results so a test run leaves the work tree clean.
const SCREENSHOT = process.env.VRVQ_UPDATE_SCREENSHOT
  ? join(REPO, 'docs', 'images', 'playground.png')
  : join(import.meta.dirname, '..', 'test-results', 'playground.png');
const EXAMPLE = join(REPO, 'examples', 'speech.wav');
const SHIPPED = join(REPO, 'packages', 'models', 'weights', 'vrvq-tiny-24k.safetensors');
const cfg = { nCodebooks: 8, codebookSize: 1024, sampleRate: 24000, hop: 320 }; // vrvq-tiny-24k
const exampleLength = decodeWav(new Uint8Array(readFileSync(EXAMPLE))).channels[0].length; // 24 kHz mono
const exampleFrames = Math.ceil(exampleLength / cfg.hop);

let server: StaticServer;
let browser: BrowserContext;
let page: Page;
let tmp: string;
let expectedHash: string;
const pageErrors: string[] = [];

const text = async (sel: string) => (await page.textContent(sel))?.trim() ?? '';
const number = async (sel: string) => Number.parseFloat(await text(sel));
const attr = (name: string) => page.evaluate((n) => document.body.dataset[n], name);
/** Waits until the decoded audio belongs to the current setting and no job (metrics included) runs. */
const waitDecoded = async (timeout = 90_000) => {
  await page.waitForFunction(() => document.body.dataset.decoded === 'current' && !document.body.dataset.busy, null, { timeout });
  expect(await text('#error')).toBe('');
};
/** A fingerprint of a canvas's pixels. */
const canvasHash = (id: string) =>
  page.evaluate((i) => {
    const c = document.getElementById(i) as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let k = 0; k < d.length; k += 7) h = Math.imul(h ^ d[k], 16777619);
    return `${c.width}x${c.height}:${h >>> 0}`;
  }, id);
const download = async (button: string, name: string) => {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = join(tmp, name);
  await d.saveAs(path);
  return path;
};

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`build the app first (${DIST} is missing): pnpm --filter @vrvq/playground build`);
  tmp = mkdtempSync(join(tmpdir(), 'vrvq-e2e-'));
  // the CLI's default model: the shipped weights, else the untrained one built where the CLI builds it (wasm)
  await initBackend('wasm');
  if (existsSync(SHIPPED)) expectedHash = await weightsHash(new Uint8Array(readFileSync(SHIPPED)));
  else {
    const codec = new VrvqCodec('vrvq-tiny-24k', 0);
    expectedHash = await weightsHash(await codec.toWeights());
    codec.dispose();
  }
  server = await serveStatic(DIST);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('playground in headless Chromium', () => {
  it('starts the codec worker, reports WebGPU and the backend it picked', async () => {
    await page.goto(`${server.url}?backend=auto`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
    const webgpu = page.locator('#webgpu-status');
    await expect.poll(() => webgpu.getAttribute('data-available')).toMatch(/true|false/);
    const available = (await webgpu.getAttribute('data-available')) === 'true';
    const software = /software adapter/.test(await text('#webgpu-status'));
    if (process.env.VRVQ_E2E_EXPECT_WEBGPU !== '0') expect(available).toBe(true); // Chromium's SwiftShader adapter at least
    const active = await page.locator('#backend-status').getAttribute('data-active');
    // Auto takes WebGPU on a hardware adapter and skips a software one for WASM.
    expect(active).toBe(available && !software ? 'webgpu' : 'wasm');
    if (software) expect(await text('#backend-status')).toMatch(/software adapter/);
    expect(await text('#model-status')).toContain(expectedHash.slice(0, 12)); // the CLI's untrained model
    expect(await page.locator('#untrained').isVisible()).toBe(!existsSync(SHIPPED));
  });

  let kbps1 = 0;
  let heat1 = '';

  it('loads the example, encodes it once and decodes it', async () => {
    await page.click('#load-example');
    await waitDecoded();
    expect(await text('#source-info')).toBe(`speech.wav: ${(exampleLength / 24000).toFixed(2)} s (24 kHz, mono), ${exampleFrames} frames.`);
    expect(await text('#encode-time')).toMatch(/real time/);
    expect(await text('#decode-time')).toMatch(/real time/);
    expect(await text('#level-out')).toContain('ℓ = 1.000');
    kbps1 = await number('#kbps-total');
    expect(kbps1).toBeGreaterThanOrEqual(constantRateKbps(1, cfg, 'vbr') - 0.005);
    expect(kbps1).toBeLessThanOrEqual(constantRateKbps(8, cfg, 'vbr') + 0.005);
    expect(Number.isFinite(await number('#mel'))).toBe(true);
    expect(await text('#sisdr')).toMatch(/dB$/);
    heat1 = await canvasHash('heatmap');
    expect(await page.getAttribute('#decoded', 'aria-label')).toContain(`decoded audio, ${(exampleLength / 24000).toFixed(2)} s`);
  });

  it('re-masks at once when the level slider moves (bitrate and heatmap), then decodes again', async () => {
    await page.focus('#level');
    for (let i = 0; i < 32; i++) await page.keyboard.press('ArrowLeft'); // 32 steps = one octave: ℓ 1 → 0.5
    expect(await text('#level-out')).toContain('ℓ = 0.500');
    const kbps2 = await number('#kbps-total'); // before any decode: the page re-masks by itself
    expect(kbps2).toBeLessThan(kbps1);
    if (!existsSync(SHIPPED)) {
      // untrained: p ≈ 0.5, so s = ℓ·8·p ≈ 2 and every frame uses 2 or 3 codebooks
      expect(kbps2).toBeGreaterThanOrEqual(constantRateKbps(2, cfg, 'vbr') - 0.005);
      expect(kbps2).toBeLessThanOrEqual(constantRateKbps(3, cfg, 'vbr') + 0.005);
    }
    await page.waitForTimeout(50); // one animation frame
    expect(await canvasHash('heatmap')).not.toBe(heat1);
    const decodes = Number(await attr('decodes'));
    await waitDecoded();
    expect(Number(await attr('decodes'))).toBe(decodes + 1);

    // CBR: n codebooks everywhere, no side info
    await page.check('input[name="rate-mode"][value="cbr"]');
    await page.focus('#cbr');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await text('#cbr-out')).toContain('2 of 8 codebooks');
    expect(await text('#kbps-total')).toBe(`${constantRateKbps(2, cfg, 'cbr').toFixed(2)} kbps`);
    expect(await text('#kbps-side')).toBe('0.00 kbps');
    await page.check('input[name="rate-mode"][value="level"]');
    expect(await number('#kbps-total')).toBe(kbps2);
    await waitDecoded();
  });

  it('plays the decoded audio and switches A/B at the same position', async () => {
    await page.focus('#play');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.body.dataset.playing === 'true', null, { timeout: 10_000 });
    await page.waitForTimeout(1200);
    const pos1 = await number('#position');
    expect(pos1).toBeGreaterThan(0.5);
    // the output level meter hears the decoded signal
    await expect.poll(() => page.$eval('#meter', (m) => (m as HTMLMeterElement).value), { timeout: 5000 }).toBeGreaterThan(-60);
    await page.check('input[name="ab"][value="a"]');
    await page.waitForTimeout(300);
    const pos2 = await number('#position');
    expect(pos2).toBeGreaterThan(pos1);
    expect(await attr('playing')).toBe('true');
    await page.check('input[name="ab"][value="b"]');
    await page.waitForTimeout(600);
    mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.click('#play');
    expect(await attr('playing')).toBe('false');
  });

  it('downloads a .vrvq that the CLI decodes, and the same audio as WAV', async () => {
    const file = await download('#download-vrvq', 'page.vrvq');
    const parsed = decodeFile(new Uint8Array(readFileSync(file)));
    expect(parsed.header.modelName).toBe('vrvq-tiny-24k');
    expect(Buffer.from(parsed.header.weightsHash).toString('hex')).toBe(expectedHash.slice(0, 32));
    expect(parsed.header.rate).toEqual({ mode: 'vbr', level: 0.5 });
    expect(parsed.header.originalLength).toBe(exampleLength);
    const counts = parsed.channels[0].counts;
    expect(counts.length).toBe(exampleFrames);
    const payloadKbps = (10 * counts.reduce((a, b) => a + b, 0) * 75) / counts.length / 1000;
    expect(await text('#kbps-payload')).toBe(`${payloadKbps.toFixed(2)} kbps`);

    const cliWav = join(tmp, 'cli.wav');
    const r = vrvq(['decode', file, '-o', cliWav]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const cli = decodeWav(new Uint8Array(readFileSync(cliWav)));
    const ours = decodeWav(new Uint8Array(readFileSync(await download('#download-wav', 'page.wav'))));
    expect(ours.sampleRate).toBe(24000);
    expect(ours.channels[0].length).toBe(exampleLength);
    expect(cli.channels[0].length).toBe(exampleLength);
    let diff = 0;
    for (let i = 0; i < exampleLength; i++) diff = Math.max(diff, Math.abs(ours.channels[0][i] - cli.channels[0][i]));
    console.log(`page vs CLI decode of the page's .vrvq: max |Δ| = ${diff}`);
    expect(diff).toBeLessThan(1e-3);
  });

  it('opens a .vrvq made by the CLI and decodes it like the CLI', async () => {
    const file = join(tmp, 'cli3.vrvq');
    const enc = vrvq(['encode', EXAMPLE, '--cbr', '3', '--entropy', '-o', file]);
    expect(enc.status).toBe(0);
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => document.body.dataset.decoded === 'stale', null, { timeout: 20_000 });
    await waitDecoded();
    expect(await text('#source-info')).toContain(`CBR 3 codebooks, entropy coding, 1 channel(s), ${(exampleLength / 24000).toFixed(2)} s, ${exampleFrames} frames. The rate is fixed by the file`);
    expect(await text('#kbps-total')).toBe(`${constantRateKbps(3, cfg, 'cbr').toFixed(2)} kbps`);
    expect(await page.isDisabled('#level')).toBe(true);
    expect(await page.isDisabled('input[name="ab"][value="a"]')).toBe(true);
    expect(await text('#mel')).toBe('no original');

    const cliWav = join(tmp, 'cli3.wav');
    expect(vrvq(['decode', file, '-o', cliWav]).status).toBe(0);
    const cli = decodeWav(new Uint8Array(readFileSync(cliWav)));
    const ours = decodeWav(new Uint8Array(readFileSync(await download('#download-wav', 'page3.wav'))));
    expect(ours.channels[0].length).toBe(cli.channels[0].length);
    let diff = 0;
    for (let i = 0; i < cli.channels[0].length; i++) diff = Math.max(diff, Math.abs(ours.channels[0][i] - cli.channels[0][i]));
    console.log(`page vs CLI decode of the CLI's .vrvq: max |Δ| = ${diff}`);
    expect(diff).toBeLessThan(1e-3);
  });

  it('cancels a running encode and keeps what was shown', async () => {
    const kbps = await text('#kbps-total');
    await page.click('#load-example');
    await page.waitForFunction(() => document.body.dataset.busy === 'encode', null, { timeout: 20_000 });
    await page.click('#cancel');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Cancelled.', null, { timeout: 30_000 });
    expect(await text('#error')).toBe('');
    expect(await text('#kbps-total')).toBe(kbps);
  });

  it('lays out at phone width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const widest = await page.$$eval('canvas', (cs) => Math.max(...cs.map((c) => c.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('switches to WebGPU on request', async () => {
    if ((await page.locator('#webgpu-status').getAttribute('data-available')) !== 'true') return;
    await page.selectOption('#backend', 'webgpu');
    await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.backend === 'webgpu', null, {
      timeout: 60_000,
    });
    expect(await text('#backend-status')).toMatch(/^Active backend: WEBGPU\./);
    expect(await text('#model-status')).toContain(expectedHash.slice(0, 12)); // built on wasm, the same weights
    expect(pageErrors).toEqual([]);
  });
});
