import type { AudioSource } from '../engine/audio-prep.js';
import type { RateSetting, ResolvedRate } from '../rate/rate-setting.js';
import type { ViewData } from '../engine/view-data.js';
import type { HeaderInput } from '@vrvq/bitstream';

/** Encoded input audio: everything re-masking needs, on the page. */
export interface EncodedSource {
  kind: 'audio';
  name: string;
  /** Kept so a model or backend change can encode it again. */
  source: AudioSource;
  frames: number;
  p: Float32Array | null;
  /** Seconds at the model rate. */
  duration: number;
  views: ViewData;
}

/** An opened .vrvq file: its counts are fixed. */
export interface OpenedFile {
  kind: 'vrvq';
  name: string;
  bytes: Uint8Array;
  frames: number;
  counts: Uint8Array[];
  rate: HeaderInput['rate'];
  duration: number;
}

export type Current = EncodedSource | OpenedFile;

/** What the page shows now. */
export interface ViewState {
  current: Current | null;
  setting: RateSetting;
  /** Counts per channel of the current setting (or the file's). */
  resolved: ResolvedRate[] | null;
  /** True when the decoded audio belongs to the current counts. */
  decodedCurrent: boolean;
}
