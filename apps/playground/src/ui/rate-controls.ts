import type { RateConfig } from '@vrvq/rvq';
import { LEVEL_SLIDER, levelFromPosition, positionFromLevel } from '../rate/level-scale.js';
import { type RateSetting, type ResolvedRate, kbpsRange } from '../rate/rate-setting.js';
import { byId } from './dom.js';
import { kbps } from './format.js';

type Mode = RateSetting['mode'];

/**
 * The bitrate controls: a mode (VBR level ℓ on a log slider, target kbps, or CBR with n codebooks)
 * and its slider. Emits the setting on every input event (live re-masking).
 */
export class RateControls {
  private readonly level = byId<HTMLInputElement>('level');
  private readonly kbpsInput = byId<HTMLInputElement>('kbps');
  private readonly cbr = byId<HTMLInputElement>('cbr');
  private readonly modes = byId<HTMLFieldSetElement>('rate-mode');
  private nq = 8;
  private vbr = true;
  private locked = false;
  onChange: (s: RateSetting) => void = () => {};

  constructor() {
    this.level.max = String(LEVEL_SLIDER.steps);
    this.level.value = String(positionFromLevel(1));
    for (const el of [this.level, this.kbpsInput, this.cbr]) el.addEventListener('input', () => this.emit());
    this.modes.addEventListener('change', () => {
      this.showMode();
      this.emit();
    });
    this.showMode();
    this.setEnabled(false);
  }

  /** Adapts the ranges to a model. */
  configure(cfg: RateConfig, supportsVbr: boolean): void {
    this.nq = cfg.nCodebooks;
    this.vbr = supportsVbr;
    const { min, max } = kbpsRange(cfg);
    this.kbpsInput.min = min.toFixed(2);
    this.kbpsInput.max = max.toFixed(2);
    this.kbpsInput.step = '0.05';
    this.kbpsInput.value = ((min + max) / 2).toFixed(2);
    this.cbr.max = String(this.nq);
    if (Number(this.cbr.value) > this.nq) this.cbr.value = String(this.nq);
    for (const input of this.modes.querySelectorAll<HTMLInputElement>('input')) input.disabled = !supportsVbr && input.value !== 'cbr';
    if (!supportsVbr) this.setMode('cbr');
    this.describe(null);
  }

  /** Enables the controls (after an encode); `locked` keeps them disabled for a file's fixed rate. */
  setEnabled(enabled: boolean, locked = false): void {
    this.locked = locked;
    for (const input of this.modes.querySelectorAll<HTMLInputElement>('input')) input.disabled = !enabled || locked || (!this.vbr && input.value !== 'cbr');
    for (const el of [this.level, this.kbpsInput, this.cbr]) el.disabled = !enabled || locked;
  }

  get mode(): Mode {
    return (this.modes.querySelector<HTMLInputElement>('input:checked')?.value ?? 'level') as Mode;
  }

  setMode(mode: Mode): void {
    const input = this.modes.querySelector<HTMLInputElement>(`input[value="${mode}"]`);
    if (input) input.checked = true;
    this.showMode();
  }

  get setting(): RateSetting {
    switch (this.mode) {
      case 'kbps':
        return { mode: 'kbps', kbps: Number(this.kbpsInput.value) };
      case 'cbr':
        return { mode: 'cbr', n: Number(this.cbr.value) };
      default:
        return { mode: 'level', level: levelFromPosition(Number(this.level.value)) };
    }
  }

  /** Shows the values a setting resolved to next to the sliders (and for screen readers). */
  describe(r: ResolvedRate | null): void {
    const level = levelFromPosition(Number(this.level.value));
    const levelText = `ℓ = ${level.toFixed(3)} (ℓ·Nq = ${(level * this.nq).toFixed(2)})`;
    byId('level-out').textContent = levelText;
    this.level.setAttribute('aria-valuetext', levelText);
    const target = Number(this.kbpsInput.value);
    let kbpsText = `target ${kbps(target)}`;
    if (r && this.mode === 'kbps' && r.header.mode === 'vbr') {
      const status = r.targetStatus === 'ok' ? 'met' : r.targetStatus;
      kbpsText += ` → ${kbps(r.kbps.total)}, ℓ = ${r.header.level.toFixed(3)} (${status})`;
    }
    byId('kbps-out').textContent = kbpsText;
    this.kbpsInput.setAttribute('aria-valuetext', kbpsText);
    const n = Number(this.cbr.value);
    const cbrText = `${n} of ${this.nq} codebooks in every frame`;
    byId('cbr-out').textContent = cbrText;
    this.cbr.setAttribute('aria-valuetext', cbrText);
  }

  private showMode(): void {
    const mode = this.mode;
    for (const el of document.querySelectorAll<HTMLElement>('.slider')) el.hidden = el.dataset.mode !== mode;
  }

  private emit(): void {
    if (this.locked) return;
    this.onChange(this.setting);
  }
}
