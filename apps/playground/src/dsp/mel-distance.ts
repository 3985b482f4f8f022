import { applyMel, melFilters } from './mel-bank.js';
import { pairedStft } from './stft.js';

/** DAC's mel-loss scales: window lengths and mel bands (hop = window/4). */
export const DAC_MEL_SCALES: ReadonlyArray<readonly [window: number, mels: number]> = [
  [32, 5],
  [64, 10],
  [128, 20],
  [256, 40],
  [512, 80],
  [1024, 160],
  [2048, 320],
];

/**
 * DAC's multi-scale mel distance in plain JS: for every scale, |STFT| (Hann, centred reflect
 * padding, hop = window/4) through a Slaney mel bank, then mean |log10 max(M̂, 1e-5) −
 * log10 max(M, 1e-5)| over frames and bands; the scale values are summed. Lower is better, 0 for
 * identical signals. `onScale` reports progress (scales done).
 */
export function melDistance(
  ref: Float32Array,
  est: Float32Array,
  sampleRate: number,
  opts: { scales?: ReadonlyArray<readonly [number, number]>; onScale?: (done: number, total: number) => void } = {},
): number {
  const n = Math.min(ref.length, est.length);
  const a = ref.subarray(0, n);
  const b = est.subarray(0, n);
  const scales = opts.scales ?? DAC_MEL_SCALES;
  let total = 0;
  scales.forEach(([win, mels], i) => {
    const bank = melFilters(sampleRate, win, mels);
    const ma = new Float64Array(mels);
    const mb = new Float64Array(mels);
    let sum = 0;
    let count = 0;
    pairedStft(a, b, win, win / 4, (_f, magA, magB) => {
      applyMel(bank, magA, ma);
      applyMel(bank, magB, mb);
      for (let m = 0; m < mels; m++) {
        sum += Math.abs(Math.log10(Math.max(mb[m], 1e-5)) - Math.log10(Math.max(ma[m], 1e-5)));
      }
      count += mels;
    });
    total += sum / count;
    opts.onScale?.(i + 1, scales.length);
  });
  return total;
}
