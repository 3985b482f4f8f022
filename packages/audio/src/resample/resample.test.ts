import { describe, expect, it } from 'vitest';
import { AudioError } from '../errors.js';
import { db, fitSine, fitSines, noise, rms, sine } from '../testing/signals.js';
import { FilterBank } from './filter-bank.js';
import { Resampler, resample } from './resampler.js';

const RATES = [16000, 24000, 44100, 48000];
const PAIRS = RATES.flatMap((a) => RATES.filter((b) => b !== a).map((b) => [a, b] as const));
const SECONDS = 0.25;

/** The middle of a resampled signal, away from the filter's start-up at both ends. */
function interior(n: number): [number, number] {
  return [Math.floor(n * 0.25), Math.floor(n * 0.75)];
}

describe('resample: band-limited, exact length', () => {
  for (const [from, to] of PAIRS) {
    const lowerNyq = Math.min(from, to) / 2;
    const n = Math.round(from * SECONDS);

    it(`${from} → ${to}: passband sines keep amplitude (±0.1 dB) and frequency`, () => {
      for (const f of [997, 0.9 * lowerNyq]) {
        const y = resample(sine(n, f, from, 0.5), from, to);
        expect(y.length).toBe(Math.round((n * to) / from));
        const [a, b] = interior(y.length);
        const fit = fitSine(y, f, to, a, b);
        expect(Math.abs(db(fit.amplitude / 0.5))).toBeLessThan(0.1);
        expect(fit.residualRms).toBeLessThan(0.5e-3); // −60 dB: nothing but the same frequency
      }
    });

    if (to < from) {
      it(`${from} → ${to}: a tone above the new Nyquist is removed (> 60 dB, 'high' and 'fast')`, () => {
        for (const quality of ['high', 'fast'] as const) {
          for (const f of [1.02 * lowerNyq, 1.3 * lowerNyq]) {
            if (f >= from / 2) continue;
            const y = resample(sine(n, f, from, 0.5), from, to, { quality });
            const [a, b] = interior(y.length);
            expect(db(rms(y, a, b) / (0.5 / Math.SQRT2))).toBeLessThan(quality === 'high' ? -90 : -60);
          }
        }
      });
    } else {
      it(`${from} → ${to}: no images above the old Nyquist (> 60 dB)`, () => {
        const f = 0.9 * lowerNyq;
        const y = resample(sine(n, f, from, 0.5), from, to);
        const [a, b] = interior(y.length);
        const fit = fitSines(y, [f, from - f], to, a, b);
        expect(Math.abs(db(fit.amplitudes[0] / 0.5))).toBeLessThan(0.1);
        expect(db(fit.amplitudes[1] / 0.5)).toBeLessThan(-90); // the image at from − f
      });
    }
  }

  it('output length is round(N·to/from) for any N, including tiny inputs', () => {
    for (const [from, to] of [...PAIRS, [8000, 24000] as const, [96000, 24000] as const, [22050, 24000] as const]) {
      for (const n of [0, 1, 2, 3, 7, 100, 441, 1001]) {
        expect(resample(new Float32Array(n), from, to).length).toBe(Math.round((n * to) / from));
      }
    }
  });

  it('keeps DC and sample alignment (output n sits at input time n·from/to)', () => {
    const x = new Float32Array(4800).fill(0.25);
    const y = resample(x, 48000, 16000);
    const [a, b] = interior(y.length);
    for (let i = a; i < b; i++) expect(Math.abs(y[i] - 0.25)).toBeLessThan(1e-6);
    // A slow sine keeps its phase: no delay.
    const s = resample(sine(4410, 50, 44100), 44100, 24000);
    const ideal = sine(2400, 50, 24000);
    for (let i = 600; i < 1800; i++) expect(Math.abs(s[i] - ideal[i])).toBeLessThan(1e-4);
  });

  it('streaming in uneven blocks gives the same samples as one call', () => {
    const x = noise(9000, 0.7, 5);
    const whole = resample(x, 44100, 24000);
    const r = new Resampler(44100, 24000);
    const parts: Float32Array[] = [];
    let at = 0;
    for (const size of [1, 0, 17, 1000, 333, 4000, 10000]) {
      parts.push(r.process(x.subarray(at, Math.min(x.length, at + size))));
      at = Math.min(x.length, at + size);
    }
    parts.push(r.flush());
    const joined = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      joined.set(p, o);
      o += p.length;
    }
    expect(joined.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(Math.abs(joined[i] - whole[i])).toBeLessThan(1e-6);
    expect(r.counts).toEqual({ input: 9000, output: whole.length });
  });

  it('rates with a huge reduced numerator use the interpolated table and stay accurate', () => {
    const bank = new FilterBank(44101, 44100, 'fast');
    expect(bank.exact).toBe(false);
    const n = 8820;
    const y = resample(sine(n, 1000, 44100, 0.5), 44100, 44101, { quality: 'fast' });
    expect(y.length).toBe(Math.round((n * 44101) / 44100));
    const [a, b] = interior(y.length);
    const fit = fitSine(y, 1000, 44101, a, b);
    expect(Math.abs(db(fit.amplitude / 0.5))).toBeLessThan(0.1);
    expect(fit.residualRms).toBeLessThan(0.5e-3);
  });

  it('same rate returns a copy; invalid rates and qualities throw AudioError', () => {
    const x = new Float32Array([1, 2, 3]);
    const y = resample(x, 24000, 24000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 16000)).toThrowError(AudioError);
    expect(() => resample(x, 44100.5, 16000)).toThrow(/positive integer/);
    expect(() => resample(x, 16000, -1)).toThrowError(AudioError);
    expect(() => resample(x, 16000, 8000, { quality: 'best' as 'high' })).toThrow(/quality/);
  });
});
