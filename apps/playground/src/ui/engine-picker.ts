import { MODEL_OPTIONS } from '../engine/model-loader.js';
import type { BackendChoice, BackendReport, ModelInfo } from '../worker/protocol.js';
import { byId } from './dom.js';
import type { WebGpuProbe } from './webgpu-probe.js';

/** The model and backend selects, and what is actually running. */
export class EnginePicker {
  private readonly model = byId<HTMLSelectElement>('model');
  private readonly backend = byId<HTMLSelectElement>('backend');
  onChange: () => void = () => {};

  constructor(initial: { model?: string | null; backend?: string | null }) {
    for (const m of MODEL_OPTIONS) this.model.add(new Option(m.label, m.id));
    if (initial.model && MODEL_OPTIONS.some((m) => m.id === initial.model)) this.model.value = initial.model;
    if (initial.backend && ['auto', 'webgpu', 'wasm', 'cpu'].includes(initial.backend)) this.backend.value = initial.backend;
    this.model.addEventListener('change', () => this.onChange());
    this.backend.addEventListener('change', () => this.onChange());
  }

  get modelId(): string {
    return this.model.value;
  }

  set modelId(id: string) {
    this.model.value = id;
  }

  get backendChoice(): BackendChoice {
    return this.backend.value as BackendChoice;
  }

  showWebGpu(p: WebGpuProbe): void {
    const el = byId('webgpu-status');
    el.dataset.available = String(p.available);
    el.textContent = p.available
      ? `WebGPU available: ${p.description}${p.software ? ' (software adapter: correct but slow)' : ''}.`
      : `WebGPU unavailable (${p.description}).`;
    const opt = this.backend.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
    opt.textContent = p.available ? `WebGPU${p.software ? ' (software)' : ''}` : 'WebGPU (unavailable)';
  }

  showRunning(b: BackendReport | null, m: ModelInfo | null, loadMs?: number): void {
    const el = byId('backend-status');
    if (!b) {
      el.textContent = 'Starting…';
      delete el.dataset.active;
      return;
    }
    el.dataset.active = b.name;
    const extra = b.name === 'wasm' ? ` (${b.simd ? 'SIMD' : 'no SIMD'}, ${b.threads} thread${b.threads > 1 ? 's' : ''})` : '';
    const fell = b.fallbacks.length ? ` — fell back: ${b.fallbacks.join('; ')}` : '';
    el.textContent = `Active backend: ${b.name.toUpperCase()}${extra}${fell}.`;
    const ms = byId('model-status');
    if (m) {
      ms.textContent = `${m.name}, ${m.sampleRate / 1000} kHz, hop ${m.hop}, ${m.nq} codebooks of ${m.codebookSize}; weights ${m.hash.slice(0, 12)}… (${m.source})${loadMs ? `, loaded in ${(loadMs / 1000).toFixed(1)} s` : ''}.`;
      byId('untrained').hidden = m.trained;
    }
  }
}
