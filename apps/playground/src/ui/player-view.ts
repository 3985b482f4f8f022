import type { AbPlayer, Side } from '../playback/ab-player.js';
import { LEFT, timeAt } from '../views/layout.js';
import { byId } from './dom.js';
import { seconds } from './format.js';

/** Play/pause, A/B switch, position, level meter, playheads over the views, click-to-seek, keys. */
export class PlayerView {
  private readonly play = byId<HTMLButtonElement>('play');
  private readonly ab = byId<HTMLFieldSetElement>('ab');
  private readonly positionEl = byId('position');
  private readonly meter = byId<HTMLMeterElement>('meter');
  private readonly canvases = ['heatmap', 'original', 'decoded'].map((id) => byId<HTMLCanvasElement>(id));
  private onError: (e: unknown) => void = () => {};

  constructor(private readonly player: AbPlayer) {
    this.play.addEventListener('click', () => void this.toggle());
    this.ab.addEventListener('change', () => {
      const v = this.ab.querySelector<HTMLInputElement>('input:checked')?.value as Side;
      player.select(v);
    });
    player.onStateChange = (playing) => {
      this.play.textContent = playing ? 'Pause' : 'Play';
      this.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
      document.body.dataset.playing = String(playing);
    };
    for (const c of this.canvases) {
      c.addEventListener('click', (e) => {
        const r = c.getBoundingClientRect();
        player.seek(timeAt(e.clientX - r.left, r.width, player.duration));
      });
    }
    document.addEventListener('keydown', (e) => this.key(e));
    const tick = () => {
      this.render();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  set errorHandler(fn: (e: unknown) => void) {
    this.onError = fn;
  }

  /** Enables the controls for the sides that hold audio. */
  refresh(): void {
    this.play.disabled = this.player.duration === 0;
    for (const input of this.ab.querySelectorAll<HTMLInputElement>('input')) {
      input.disabled = !this.player.has(input.value as Side);
      input.checked = input.value === this.player.selected;
    }
  }

  private async toggle(): Promise<void> {
    try {
      await this.player.toggle();
    } catch (e) {
      this.onError(e);
    }
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName)) return;
    if (e.key === ' ') {
      e.preventDefault();
      void this.toggle();
    } else if (e.key === 'a' || e.key === 'b') {
      this.player.select(e.key);
      this.refresh();
    }
  }

  private render(): void {
    const d = this.player.duration;
    const pos = this.player.position();
    this.positionEl.textContent = `${seconds(pos)} / ${seconds(d)}`;
    const level = this.player.level();
    this.meter.value = Number.isFinite(level) ? Math.max(-60, Math.min(0, level)) : -60;
    for (const c of this.canvases) {
      const head = c.nextElementSibling as HTMLElement;
      if (d === 0) {
        head.style.display = 'none';
        continue;
      }
      const w = c.clientWidth;
      head.style.display = 'block';
      head.style.left = `${LEFT + (pos / d) * (w - LEFT)}px`;
    }
  }
}
