import { MODEL_OPTIONS } from '../engine/model-loader.js';
import { PlaygroundError } from '../errors.js';
import type { AbPlayer } from '../playback/ab-player.js';
import { type RateSetting, type ResolvedRate, resolveRate, summarise } from '../rate/rate-setting.js';
import { saveBytes } from '../ui/dom.js';
import type { EnginePicker } from '../ui/engine-picker.js';
import { baseName, kbps, seconds } from '../ui/format.js';
import type { PlayerView } from '../ui/player-view.js';
import type { ProgressView } from '../ui/progress-view.js';
import type { RateControls } from '../ui/rate-controls.js';
import type { StatsView } from '../ui/stats-view.js';
import type { AudioSource } from '../engine/audio-prep.js';
import type { CodecClient, Job } from '../worker/client.js';
import type { ModelInfo, Stage } from '../worker/protocol.js';
import type { Renderer } from './renderer.js';
import type { Current, ViewState } from './session-state.js';

export interface ControllerParts {
  client: CodecClient;
  picker: EnginePicker;
  rate: RateControls;
  stats: StatsView;
  progress: ProgressView;
  player: AbPlayer;
  playerView: PlayerView;
  renderer: Renderer;
}

const DECODE_DEBOUNCE_MS = 120;

/**
 * Orchestrates the page: model/backend start-up, encoding once per input, live re-masking on the
 * page (heatmap and bitrate at once), debounced and superseding decodes in the worker, metrics,
 * playback and downloads.
 */
export class Controller {
  private model: ModelInfo | null = null;
  private state: ViewState = { current: null, setting: { mode: 'level', level: 1 }, resolved: null, decodedCurrent: false };
  /** The running encode/init job (cancellable), and the running decode or metrics job. */
  private mainJob: Job<unknown> | null = null;
  private decodeJob: Job<unknown> | null = null;
  private decodeTimer: ReturnType<typeof setTimeout> | null = null;
  private decodes = 0;

  constructor(private readonly p: ControllerParts) {
    p.rate.onChange = (s) => this.setRate(s);
    p.picker.onChange = () => void this.start();
  }

  /** (Re)starts the worker with the picked model and backend; re-encodes the current input. */
  async start(): Promise<void> {
    const { client, picker, progress } = this.p;
    this.cancelDecode();
    client.restart();
    // the new worker holds no analysis: clear the page until the input is encoded again
    const cur = this.state.current;
    this.reset();
    this.model = null;
    picker.showRunning(null, null);
    document.body.dataset.ready = 'false';
    const job = client.request('init', { backend: picker.backendChoice, modelId: picker.modelId, baseUrl: document.baseURI }, { onProgress: (s, d, t) => progress.update(s, d, t) });
    this.mainJob = job;
    progress.begin('load', null);
    try {
      const r = await job.promise;
      this.model = r.model;
      picker.showRunning(r.backend, r.model, r.loadMs);
      this.p.rate.configure(this.rateConfig(), r.model.supportsVbr);
      document.body.dataset.ready = 'true';
      document.body.dataset.backend = r.backend.name;
      progress.end(`Ready: ${r.model.name} on ${r.backend.name.toUpperCase()}.`);
    } catch (e) {
      this.fail(e);
      return;
    } finally {
      if (this.mainJob === job) this.mainJob = null;
    }
    if (cur?.kind === 'audio') await this.encode(cur.source, cur.name);
    else if (cur?.kind === 'vrvq') await this.open(cur.bytes, cur.name);
    else this.render();
  }

  /** Encodes new input once; afterwards every rate is a re-mask. */
  async encode(source: AudioSource, name: string): Promise<void> {
    if (!this.model) return this.fail(new PlaygroundError('NO_SESSION', 'The model is still loading.'));
    const { client, progress } = this.p;
    this.cancelDecode();
    if (this.mainJob) client.cancel(this.mainJob.id);
    this.p.progress.showError(null);
    const job = client.request('encode', { source }, { onProgress: (s, d, t) => progress.update(s, d, t) });
    this.mainJob = job;
    progress.begin('encode', () => client.cancel(job.id));
    try {
      const r = await job.promise;
      const duration = r.reference.length / this.model.sampleRate;
      this.state.current = { kind: 'audio', name, source, frames: r.frames, p: r.p, duration, views: r.views };
      this.p.player.setSignal('a', [r.reference], this.model.sampleRate);
      this.p.player.setSignal('b', null);
      this.p.stats.showTiming('encode', r.encodeMs, duration);
      this.p.stats.showTiming('decode', null, duration);
      this.p.renderer.setOriginal(r.views, duration);
      this.p.renderer.setDecoded(null, duration);
      const orig = `${r.originalSampleRate / 1000} kHz, ${r.originalChannels === 1 ? 'mono' : `${r.originalChannels} channels mixed to mono`}`;
      this.p.renderer.sourceInfo(`${name}: ${seconds(duration)} (${orig}), ${r.frames} frames.`);
      progress.end(`Encoded ${name}.`);
      this.p.rate.setEnabled(true);
      this.setRate(this.p.rate.setting, true);
    } catch (e) {
      this.fail(e);
    } finally {
      if (this.mainJob === job) this.mainJob = null;
      this.p.playerView.refresh();
    }
  }

  /** Opens a .vrvq file; if another offered model made it, switches to that model first. */
  async open(bytes: Uint8Array, name: string, retried = false): Promise<void> {
    if (!this.model) return this.fail(new PlaygroundError('NO_SESSION', 'The model is still loading.'));
    const { client, progress } = this.p;
    this.cancelDecode();
    this.p.progress.showError(null);
    const job = client.request('open-vrvq', { bytes: bytes.slice() });
    progress.begin('decode', null);
    try {
      const r = await job.promise;
      const duration =
        r.originalLength === null ? (r.frames * this.model.hop) / this.model.sampleRate : r.originalLength / r.originalSampleRate;
      this.state.current = { kind: 'vrvq', name, bytes, frames: r.frames, counts: r.counts, rate: r.rate, duration };
      this.p.player.setSignal('a', null);
      this.p.player.setSignal('b', null);
      this.p.renderer.setOriginal(null, duration);
      this.p.renderer.setDecoded(null, duration);
      this.p.stats.showTiming('encode', null, duration);
      const mode = r.rate.mode === 'vbr' ? `VBR ℓ = ${r.rate.level.toFixed(3)}` : `CBR ${r.rate.n} codebooks`;
      this.p.renderer.sourceInfo(`${name}: ${r.modelName}, ${mode}, ${r.coding} coding, ${r.channels} channel(s), ${seconds(duration)}, ${r.frames} frames. The rate is fixed by the file.`);
      this.p.rate.setEnabled(true, true);
      this.setRate(this.state.setting, true);
    } catch (e) {
      const pe = e as PlaygroundError;
      const other = pe?.code === 'MODEL_MISMATCH' ? MODEL_OPTIONS.find((m) => m.preset === pe.detail?.modelName) : undefined;
      if (other && !retried && other.id !== this.p.picker.modelId) {
        this.p.picker.modelId = other.id;
        this.reset();
        await this.start();
        return this.open(bytes, name, true);
      }
      this.fail(e);
    }
  }

  /** A new rate setting: re-mask now (heatmap, bitrate), decode shortly after. */
  setRate(setting: RateSetting, immediate = false): void {
    this.state.setting = setting;
    const cur = this.state.current;
    if (!cur || !this.model) return;
    const cfg = this.rateConfig();
    let resolved: ResolvedRate[];
    if (cur.kind === 'audio') {
      resolved = [resolveRate(cur.p, cur.frames, setting, cfg)];
    } else {
      const header = cur.rate.mode === 'vbr' ? { mode: 'vbr' as const, level: cur.rate.level } : { mode: 'cbr' as const, n: cur.rate.n };
      resolved = cur.counts.map((c) => summarise(c, header, cfg));
    }
    this.state.resolved = resolved;
    this.state.decodedCurrent = false;
    document.body.dataset.decoded = 'stale';
    this.p.rate.describe(resolved[0]);
    const sum = (f: (r: ResolvedRate) => number) => resolved.reduce((a, r) => a + f(r), 0);
    this.p.stats.showBitrate({
      payload: sum((r) => r.kbps.payload),
      sideInfo: sum((r) => r.kbps.sideInfo),
      total: sum((r) => r.kbps.total),
      meanCount: sum((r) => r.meanCount) / resolved.length,
      nq: this.model.nq,
    });
    this.p.stats.markMetricsStale();
    this.render();
    this.p.renderer.setDownloads(true, false);
    if (this.decodeTimer) clearTimeout(this.decodeTimer);
    this.decodeTimer = setTimeout(() => void this.decode(), immediate ? 0 : DECODE_DEBOUNCE_MS);
  }

  async downloadVrvq(coding: 'raw' | 'entropy'): Promise<void> {
    const cur = this.state.current;
    const resolved = this.state.resolved;
    if (!cur || !resolved) return;
    if (cur.kind === 'vrvq') {
      saveBytes(cur.bytes, cur.name, 'application/octet-stream');
      return;
    }
    try {
      const { bytes } = await this.p.client.request('export-vrvq', { counts: resolved.map((r) => r.counts), rate: resolved[0].header, coding }).promise;
      const name = `${baseName(cur.name)}.vrvq`;
      this.p.renderer.fileInfo(`${name}: ${bytes.length} bytes (${kbps((bytes.length * 8) / cur.duration / 1000)} with headers and framing).`);
      saveBytes(bytes, name, 'application/octet-stream');
    } catch (e) {
      this.fail(e);
    }
  }

  async downloadWav(): Promise<void> {
    const cur = this.state.current;
    if (!cur || !this.state.decodedCurrent) return;
    try {
      const { bytes } = await this.p.client.request('export-wav', {}).promise;
      saveBytes(bytes, `${baseName(cur.name)}.decoded.wav`, 'audio/wav');
    } catch (e) {
      this.fail(e);
    }
  }

  private async decode(): Promise<void> {
    this.decodeTimer = null;
    const cur = this.state.current;
    const resolved = this.state.resolved;
    if (!cur || !resolved || !this.model) return;
    this.cancelDecode();
    const { client, progress, stats } = this.p;
    const onProgress = (s: Stage, d: number, t: number) => progress.update(s, d, t);
    const job = client.request('decode', { counts: resolved.map((r) => r.counts) }, { onProgress });
    this.decodeJob = job;
    progress.begin('decode', () => client.cancel(job.id));
    try {
      const r = await job.promise;
      if (this.decodeJob !== job) return;
      this.p.player.setSignal('b', r.audio, this.model.sampleRate);
      this.p.renderer.setDecoded(r.views, cur.duration);
      stats.showTiming('decode', r.decodeMs, cur.duration);
      this.state.decodedCurrent = true;
      document.body.dataset.decoded = 'current';
      this.p.renderer.setDownloads(true, true);
      this.decodes++;
      document.body.dataset.decodes = String(this.decodes);
      this.p.playerView.refresh();
      const mjob = client.request('metrics', {}, { onProgress });
      this.decodeJob = mjob;
      progress.begin('metrics', () => client.cancel(mjob.id));
      const m = await mjob.promise;
      if (this.decodeJob !== mjob) return;
      stats.showMetrics(m, cur.kind === 'vrvq' ? 'no original' : '–');
      const total = resolved.reduce((a, x) => a + x.kbps.total, 0);
      progress.end(`Decoded at ${kbps(total)}.`);
    } catch (e) {
      if ((e as PlaygroundError)?.code === 'CANCELLED') {
        if (this.decodeJob === job || this.decodeJob === null) progress.end('Cancelled.');
        return;
      }
      this.fail(e);
    } finally {
      if (this.decodeJob === job) this.decodeJob = null;
    }
  }

  /** Forgets the current input and clears everything shown about it. */
  private reset(): void {
    delete document.body.dataset.decoded;
    this.state.current = null;
    this.state.resolved = null;
    this.state.decodedCurrent = false;
    this.p.player.setSignal('a', null);
    this.p.player.setSignal('b', null);
    this.p.playerView.refresh();
    this.p.renderer.setOriginal(null, 0);
    this.p.renderer.setDecoded(null, 0);
    this.p.renderer.setHeatmap(null);
    this.p.renderer.setDownloads(false, false);
    this.p.renderer.sourceInfo('No audio yet.');
    this.p.rate.setEnabled(false);
    this.p.stats.showBitrate(null);
    this.p.stats.showMetrics(null);
    this.p.stats.showTiming('encode', null, 0);
    this.p.stats.showTiming('decode', null, 0);
  }

  private cancelDecode(): void {
    if (this.decodeTimer) clearTimeout(this.decodeTimer);
    this.decodeTimer = null;
    if (this.decodeJob) this.p.client.cancel(this.decodeJob.id);
    this.decodeJob = null;
  }

  private render(): void {
    const cur: Current | null = this.state.current;
    const r = this.state.resolved;
    if (!cur || !r || !this.model) {
      this.p.renderer.setHeatmap(null);
      return;
    }
    const p = cur.kind === 'audio' ? cur.p : null;
    const h = r[0].header;
    this.p.renderer.setHeatmap({ counts: r[0].counts, p, nq: this.model.nq, scale: h.mode === 'vbr' && p ? h.level * this.model.nq : null, duration: cur.duration });
  }

  private rateConfig() {
    const m = this.model!;
    return { nCodebooks: m.nq, codebookSize: m.codebookSize, sampleRate: m.sampleRate, hop: m.hop };
  }

  private fail(e: unknown): void {
    const err = e as PlaygroundError;
    if (err?.code === 'CANCELLED') {
      this.p.progress.end('Cancelled.');
      return;
    }
    console.error(e);
    this.p.progress.end('Stopped.');
    this.p.progress.showError(err?.message ?? String(e));
  }
}
