import type { Metrics } from '../engine/session.js';
import { byId } from './dom.js';
import { kbps, speed } from './format.js';

/** kbps of a clip, summed over channels. */
export interface BitrateSummary {
  payload: number;
  sideInfo: number;
  total: number;
  meanCount: number;
  nq: number;
}

/** The bitrate, quality and speed numbers. */
export class StatsView {
  showBitrate(b: BitrateSummary | null): void {
    byId('kbps-payload').textContent = b ? kbps(b.payload) : '–';
    byId('kbps-side').textContent = b ? kbps(b.sideInfo) : '–';
    byId('kbps-total').textContent = b ? kbps(b.total) : '–';
    byId('mean-count').textContent = b ? `${b.meanCount.toFixed(2)} of ${b.nq}` : '–';
  }

  /** Metrics of the current decode; `stale` greys out numbers that belong to a previous setting. */
  showMetrics(m: Metrics | null, note = '–'): void {
    const mel = byId('mel');
    const sdr = byId('sisdr');
    mel.textContent = m ? m.melDistance.toFixed(3) : note;
    sdr.textContent = m ? `${m.siSdr.toFixed(2)} dB` : note;
    mel.classList.remove('stale');
    sdr.classList.remove('stale');
  }

  markMetricsStale(): void {
    byId('mel').classList.add('stale');
    byId('sisdr').classList.add('stale');
  }

  showTiming(which: 'encode' | 'decode', ms: number | null, audioSeconds: number): void {
    byId(`${which}-time`).textContent = ms === null ? '–' : speed(ms, audioSeconds);
  }
}
