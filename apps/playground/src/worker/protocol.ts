/**
 * Messages between the page and the codec worker. Every request carries an `id`; the worker
 * answers with any number of `progress` messages, then exactly one `result` or `error`.
 * `cancel` stops the job with that id at its next model window (it then answers `error`
 * with code CANCELLED). Jobs run one at a time in arrival order.
 */
import type { Coding, HeaderInput } from '@vrvq/bitstream';
import type { AudioSource } from '../engine/audio-prep.js';
import type { Metrics } from '../engine/session.js';
import type { ViewData } from '../engine/view-data.js';
import type { PlaygroundErrorCode } from '../errors.js';

export type BackendChoice = 'auto' | 'webgpu' | 'wasm' | 'cpu';

/** What the UI needs to know about the running model. */
export interface ModelInfo {
  id: string;
  name: string;
  hash: string;
  trained: boolean;
  source: string;
  sampleRate: number;
  hop: number;
  nq: number;
  codebookSize: number;
  supportsVbr: boolean;
}

export interface BackendReport {
  requested: BackendChoice;
  /** The tfjs backend in use. */
  name: string;
  threads: number;
  simd: boolean;
  /** Backends tried before it, and why they failed. */
  fallbacks: string[];
}

export type Request =
  | { type: 'init'; id: number; backend: BackendChoice; modelId: string; baseUrl: string }
  | { type: 'encode'; id: number; source: AudioSource }
  | { type: 'decode'; id: number; counts: Uint8Array[] }
  | { type: 'metrics'; id: number }
  | { type: 'open-vrvq'; id: number; bytes: Uint8Array }
  | { type: 'export-vrvq'; id: number; counts: Uint8Array[]; rate: HeaderInput['rate']; coding: Coding }
  | { type: 'export-wav'; id: number }
  | { type: 'cancel'; id: number; target: number };

export interface InitResult {
  model: ModelInfo;
  backend: BackendReport;
  loadMs: number;
}

export interface EncodeResult {
  frames: number;
  p: Float32Array | null;
  reference: Float32Array;
  originalSampleRate: number;
  originalLength: number;
  originalChannels: number;
  encodeMs: number;
  views: ViewData;
}

export interface DecodeResult {
  audio: Float32Array[];
  decodeMs: number;
  views: ViewData;
}

export interface OpenResult {
  modelName: string;
  rate: HeaderInput['rate'];
  coding: Coding;
  channels: number;
  originalSampleRate: number;
  originalLength: number | null;
  counts: Uint8Array[];
  frames: number;
}

export interface ResultOf {
  init: InitResult;
  encode: EncodeResult;
  decode: DecodeResult;
  metrics: Metrics | null;
  'open-vrvq': OpenResult;
  'export-vrvq': { bytes: Uint8Array };
  'export-wav': { bytes: Uint8Array };
}

export type Stage = 'load' | 'encode' | 'decode' | 'metrics';

export type Response =
  | { type: 'progress'; id: number; stage: Stage; done: number; total: number }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; code: PlaygroundErrorCode; message: string; detail?: Record<string, string> };
