import { VrvqCodec, hopLength } from '@vrvq/core';
import type { CancelToken } from '../engine/cancel.js';
import { MODEL_OPTIONS, modelBytes } from '../engine/model-loader.js';
import { PlaygroundSession } from '../engine/session.js';
import { viewData } from '../engine/view-data.js';
import { PlaygroundError } from '../errors.js';
import { startBackend, startBuildBackend } from './backend.js';
import { JobQueue, errorFields } from './jobs.js';
import type { InitResult, ModelInfo, Request, Response, ResultOf, Stage } from './protocol.js';

/** The worker's global scope, as far as it is used here. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: Response, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

const queue = new JobQueue();
let session: PlaygroundSession | null = null;
let modelInfo: ModelInfo | null = null;

function post(message: Response, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function progress(id: number, stage: Stage) {
  return (done: number, total: number) => post({ type: 'progress', id, stage, done, total });
}

function need(): PlaygroundSession {
  if (!session) throw new PlaygroundError('NO_SESSION', 'The model is not loaded yet.');
  return session;
}

async function init(req: Extract<Request, { type: 'init' }>): Promise<InitResult> {
  const t0 = performance.now();
  const option = MODEL_OPTIONS.find((m) => m.id === req.modelId);
  if (!option) throw new PlaygroundError('MODEL_LOAD_FAILED', `Unknown model '${req.modelId}'.`);
  session?.codec.dispose();
  session = null;
  progress(req.id, 'load')(0, 3);
  await startBuildBackend();
  const weights = await modelBytes(option, (url) => fetch(url), req.baseUrl);
  progress(req.id, 'load')(1, 3);
  const backend = await startBackend(req.backend);
  progress(req.id, 'load')(2, 3);
  const codec = VrvqCodec.fromWeights(weights.bytes);
  session = new PlaygroundSession(codec, { name: weights.name, hash: weights.hash });
  const p = codec.preset;
  modelInfo = {
    id: option.id,
    name: weights.name,
    hash: weights.hash,
    trained: weights.trained,
    source: weights.source,
    sampleRate: p.sampleRate,
    hop: hopLength(p),
    nq: p.nCodebooks,
    codebookSize: p.codebookSize,
    supportsVbr: codec.supportsVbr,
  };
  progress(req.id, 'load')(3, 3);
  return { model: modelInfo, backend, loadMs: performance.now() - t0 };
}

async function handle(req: Exclude<Request, { type: 'cancel' }>, token: CancelToken): Promise<[unknown, Transferable[]]> {
  switch (req.type) {
    case 'init':
      return [await init(req), []];
    case 'encode': {
      const s = need();
      const r = await s.encode(req.source, token, progress(req.id, 'encode'));
      const views = viewData(r.reference, s.codec.preset.sampleRate);
      const result: ResultOf['encode'] = { ...r, reference: r.reference.slice(), views };
      return [result, [result.reference.buffer, views.peaks.buffer, views.spectrogram.levels.buffer]];
    }
    case 'decode': {
      const s = need();
      const r = await s.decode(req.counts, token, progress(req.id, 'decode'));
      const views = viewData(r.audio[0], s.codec.preset.sampleRate);
      const audio = r.audio.map((a) => a.slice());
      const result: ResultOf['decode'] = { audio, decodeMs: r.decodeMs, views };
      return [result, [...audio.map((a) => a.buffer), views.peaks.buffer, views.spectrogram.levels.buffer]];
    }
    case 'metrics':
      return [await need().metrics(token, progress(req.id, 'metrics')), []];
    case 'open-vrvq': {
      const r = need().openVrvq(req.bytes);
      const h = r.header;
      const result: ResultOf['open-vrvq'] = {
        modelName: h.modelName,
        rate: h.rate,
        coding: h.coding,
        channels: h.channels,
        originalSampleRate: h.originalSampleRate,
        originalLength: h.originalLength,
        counts: r.counts,
        frames: r.frames,
      };
      return [result, []];
    }
    case 'export-vrvq': {
      const bytes = need().exportVrvq(req.counts, req.rate, req.coding);
      return [{ bytes }, [bytes.buffer]];
    }
    case 'export-wav': {
      const bytes = need().exportWav();
      return [{ bytes }, [bytes.buffer]];
    }
  }
}

scope.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  if (req.type === 'cancel') {
    queue.cancel(req.target);
    return;
  }
  queue
    .run(req.id, (token) => handle(req, token))
    .then(
      ([result, transfer]) => post({ type: 'result', id: req.id, result }, transfer),
      (err) => post({ type: 'error', id: req.id, ...errorFields(err) }),
    );
};
