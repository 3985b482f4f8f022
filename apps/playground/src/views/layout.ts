/** Every time-axis view leaves this many CSS pixels on the left for labels, so time lines up. */
export const LEFT = 44;
/** Bottom margin for the time axis (CSS px). */
export const AXIS = 16;

/** Sizes a canvas's backing store to its CSS box × devicePixelRatio; returns a context in CSS px. */
export function fitCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number } {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = Math.max(1, canvas.clientWidth);
  const height = Math.max(1, canvas.clientHeight);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width, height };
}

/** Seconds at a CSS x position of a time-axis view, clamped to [0, duration]. */
export function timeAt(x: number, width: number, duration: number): number {
  return Math.min(duration, Math.max(0, ((x - LEFT) / Math.max(1, width - LEFT)) * duration));
}

/** Draws second ticks along the bottom of a time-axis view. */
export function drawTimeAxis(ctx: CanvasRenderingContext2D, width: number, height: number, duration: number): void {
  const plot = width - LEFT;
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
  const step = steps.find((s) => (plot / duration) * s >= 60) ?? 600;
  ctx.fillStyle = '#9aa4b2';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  for (let t = 0; t <= duration + 1e-9; t += step) {
    const x = LEFT + (t / duration) * plot;
    ctx.fillRect(x, height - AXIS, 1, 4);
    const label = step < 1 ? `${t.toFixed(1)} s` : `${Math.round(t)} s`;
    ctx.fillText(label, Math.min(x + 2, width - 34), height);
  }
}

/** Draws an image (RGBA, w × h) into a rectangle without smoothing. */
export function blit(ctx: CanvasRenderingContext2D, rgba: Uint8ClampedArray<ArrayBuffer>, w: number, h: number, x: number, y: number, dw: number, dh: number): void {
  const off = new OffscreenCanvas(w, h);
  off.getContext('2d')!.putImageData(new ImageData(rgba, w, h), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, x, y, dw, dh);
}
