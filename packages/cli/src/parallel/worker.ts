// Entry of an inference worker thread (built to dist/inference-worker.js): its own tfjs backend
// and its own copy of the model; runs analysis and synthesis windows handed to it, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { analyzeWindowAsync, initBackend, synthesizeWindowAsync, VrvqCodec } from '@vrvq/core';
import { type Job, type Reply, toWire, type WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('inference-worker must run in a worker thread');
const init = workerData as WorkerInit;

const post = (m: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function start(): Promise<VrvqCodec> {
  await initBackend(init.backend);
  tf.enableProdMode();
  return VrvqCodec.fromWeights(init.weights);
}

start().then(
  (codec) => {
    // Jobs arrive one at a time (the pool sends the next after the reply), so they never overlap.
    port.on('message', (job: Job) => {
      const run =
        job.kind === 'analyze'
          ? analyzeWindowAsync(codec, job.window).then((frames) => {
              const transfer = [frames.codes.buffer as ArrayBuffer, ...(frames.p ? [frames.p.buffer as ArrayBuffer] : [])];
              post({ id: job.id, kind: 'analyzed', frames }, transfer);
            })
          : synthesizeWindowAsync(codec, job.window).then((samples) => {
              post({ id: job.id, kind: 'synthesized', samples }, [samples.buffer as ArrayBuffer]);
            });
      run.catch((e: unknown) => post({ id: job.id, kind: 'error', error: toWire(e) }));
    });
    post({ kind: 'ready' });
  },
  (e: unknown) => post({ kind: 'failed', error: toWire(e) }),
);
