import type { Rng } from '@vrvq/rvq';

/** Kinds of synthetic clips. */
export type GeneratedKind = 'sine' | 'chirp' | 'noise-bursts' | 'silence' | 'am-tone';

export const GENERATED_KINDS: readonly GeneratedKind[] = ['sine', 'chirp', 'noise-bursts', 'silence', 'am-tone'];

/** Log-uniform in [lo, hi]. */
function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
}

/**
 * One synthetic clip of n samples at sampleRate, fully determined by `rng`:
 * - sine: one partial, frequency log-uniform in [50 Hz, 0.4·sr], amplitude 0.05–0.8;
 * - chirp: exponential sweep between two such frequencies;
 * - noise-bursts: 1–6 white-noise bursts with exponential decay, amplitude 0.05–0.8;
 * - silence: exact zeros;
 * - am-tone: a tone with 1–8 Hz amplitude modulation of depth 0.3–1.
 */
export function generateClip(kind: GeneratedKind, n: number, sampleRate: number, rng: Rng): Float32Array {
  const x = new Float32Array(n);
  const fMax = 0.4 * sampleRate;
  const amp = rng.uniform(0.05, 0.8);
  switch (kind) {
    case 'sine': {
      const f = logUniform(rng, 50, fMax);
      const ph = rng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * f * i) / sampleRate + ph);
      break;
    }
    case 'chirp': {
      const f0 = logUniform(rng, 50, fMax);
      const f1 = logUniform(rng, 50, fMax);
      const dur = n / sampleRate;
      const k = Math.log(f1 / f0) / dur;
      let phase = rng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < n; i++) {
        x[i] = amp * Math.sin(phase);
        phase += (2 * Math.PI * f0 * Math.exp((k * i) / sampleRate)) / sampleRate;
      }
      break;
    }
    case 'noise-bursts': {
      const bursts = 1 + rng.int(6);
      for (let b = 0; b < bursts; b++) {
        const start = rng.int(n);
        const tau = rng.uniform(0.01, 0.2) * sampleRate;
        const a = amp * rng.uniform(0.3, 1);
        for (let i = start; i < n; i++) {
          const env = Math.exp(-(i - start) / tau);
          if (env < 1e-4) break;
          x[i] += a * env * rng.uniform(-1, 1);
        }
      }
      break;
    }
    case 'silence':
      break;
    case 'am-tone': {
      const f = logUniform(rng, 80, fMax);
      const fm = rng.uniform(1, 8);
      const depth = rng.uniform(0.3, 1);
      const ph = rng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < n; i++) {
        const t = i / sampleRate;
        x[i] = amp * (1 - depth * 0.5 * (1 + Math.cos(2 * Math.PI * fm * t))) * Math.sin(2 * Math.PI * f * t + ph);
      }
      break;
    }
  }
  return x;
}
