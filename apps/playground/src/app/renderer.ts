import type { ViewData } from '../engine/view-data.js';
import { byId } from '../ui/dom.js';
import { type HeatmapInput, drawHeatmap, importanceRange } from '../views/heatmap.js';
import { drawSignal } from '../views/signal-view.js';

/** Draws the three views (and redraws them when their size changes); owns the info lines. */
export class Renderer {
  private readonly heatmap = byId<HTMLCanvasElement>('heatmap');
  private readonly original = byId<HTMLCanvasElement>('original');
  private readonly decoded = byId<HTMLCanvasElement>('decoded');
  private heat: HeatmapInput | null = null;
  private orig: { views: ViewData | null; duration: number } = { views: null, duration: 0 };
  private dec: { views: ViewData | null; duration: number } = { views: null, duration: 0 };
  private frame = 0;

  constructor() {
    const ro = new ResizeObserver(() => this.schedule());
    for (const c of [this.heatmap, this.original, this.decoded]) ro.observe(c);
  }

  setHeatmap(input: HeatmapInput | null): void {
    this.heat = input;
    if (input) {
      let used = 0;
      for (const c of input.counts) used += c;
      const mean = input.counts.length ? used / input.counts.length : 0;
      let pm = 0;
      if (input.p) for (const v of input.p) pm += v / input.p.length;
      this.heatmap.setAttribute(
        'aria-label',
        `Codebooks per frame over ${input.counts.length} frames: mean ${mean.toFixed(2)} of ${input.nq}${input.p ? `; mean importance ${pm.toFixed(3)}` : ''}.`,
      );
      const range = input.p?.length ? importanceRange(input.p) : null;
      byId('p-range').textContent = range ? ` — p strip coloured from ${range.lo.toFixed(4)} to ${range.hi.toFixed(4)}` : '';
    } else {
      this.heatmap.setAttribute('aria-label', 'No audio encoded yet.');
      byId('p-range').textContent = '';
    }
    this.schedule('heat');
  }

  setOriginal(views: ViewData | null, duration: number): void {
    this.orig = { views, duration };
    this.original.setAttribute('aria-label', views ? `Waveform and spectrogram of the original, ${duration.toFixed(2)} s.` : 'No original audio.');
    this.schedule('orig');
  }

  setDecoded(views: ViewData | null, duration: number): void {
    this.dec = { views, duration };
    this.decoded.setAttribute('aria-label', views ? `Waveform and spectrogram of the decoded audio, ${duration.toFixed(2)} s.` : 'Nothing decoded yet.');
    this.schedule('dec');
  }

  sourceInfo(text: string): void {
    byId('source-info').textContent = text;
  }

  fileInfo(text: string): void {
    byId('file-info').textContent = text;
  }

  setDownloads(vrvq: boolean, wav: boolean): void {
    byId<HTMLButtonElement>('download-vrvq').disabled = !vrvq;
    byId<HTMLButtonElement>('download-wav').disabled = !wav;
  }

  private pending = new Set<'heat' | 'orig' | 'dec'>();

  private schedule(which?: 'heat' | 'orig' | 'dec'): void {
    if (which) this.pending.add(which);
    else for (const w of ['heat', 'orig', 'dec'] as const) this.pending.add(w);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.pending.has('heat')) drawHeatmap(this.heatmap, this.heat);
      if (this.pending.has('orig')) drawSignal(this.original, this.orig.views, this.orig.duration, 'Load or record audio to see the original.');
      if (this.pending.has('dec')) drawSignal(this.decoded, this.dec.views, this.dec.duration, 'The decoded audio appears here.');
      this.pending.clear();
    });
  }
}
