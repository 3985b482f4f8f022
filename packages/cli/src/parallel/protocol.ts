import type { AnalysisWindow, AnalyzedFrames, SynthesisWindow } from '@vrvq/core';

// Messages between the CLI's main thread and its inference workers (structured clone; the large
// arrays are transferred, not copied).

/** workerData of an inference worker. */
export interface WorkerInit {
  /** Which worker this is (1-based, for messages). */
  index: number;
  /** tfjs backend to initialise: 'wasm' or 'cpu'. */
  backend: string;
  /** The model's safetensors bytes (the worker builds its own codec from them). */
  weights: Uint8Array;
}

/** Main thread → worker. */
export type Job = { id: number; kind: 'analyze'; window: AnalysisWindow } | { id: number; kind: 'synthesize'; window: SynthesisWindow };

/** An error as it crosses the thread boundary (name and code keep their meaning for the CLI's exit codes). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** Worker → main thread. */
export type Reply =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WireError }
  | { id: number; kind: 'analyzed'; frames: AnalyzedFrames }
  | { id: number; kind: 'synthesized'; samples: Float32Array }
  | { id: number; kind: 'error'; error: WireError };

export function toWire(e: unknown): WireError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}), ...(e.stack ? { stack: e.stack } : {}) };
  }
  return { name: 'Error', message: String(e) };
}
