import * as tf from '@tensorflow/tfjs-core';

// Kernels written as plain JS loops over the tensors' Float32Arrays, for the two backends whose
// memory JS can see: cpu (JS arrays) and wasm (views into the wasm heap). They beat chains of
// elementwise kernels (one pass instead of several) and, on wasm, the trigonometric kernels
// and reductions over non-innermost axes.

/** Backends the loop kernels are registered for. */
export const LOOP_BACKENDS = ['cpu', 'wasm'] as const;
export type LoopBackend = (typeof LOOP_BACKENDS)[number];

// Just the parts of the cpu and wasm backends used here.
interface CpuLike {
  data: { get(id: tf.DataId): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): tf.TensorInfo;
}
interface WasmLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/** Whether the loop kernels run on the active backend. */
export function loopKernelsActive(): boolean {
  return (LOOP_BACKENDS as readonly string[]).includes(tf.getBackend());
}

/**
 * Runs `body` over float32 views of the inputs and of freshly allocated float32 outputs
 * (zero-filled on cpu, uninitialised on wasm: write every element) and returns the outputs.
 */
export function runLoop(
  kind: LoopBackend,
  backend: unknown,
  inputs: tf.TensorInfo[],
  outShapes: number[][],
  body: (ins: Float32Array[], outs: Float32Array[]) => void,
): tf.TensorInfo[] {
  if (kind === 'cpu') {
    const b = backend as CpuLike;
    const ins = inputs.map((t) => b.data.get(t.dataId).values as Float32Array);
    const outs = outShapes.map((s) => new Float32Array(tf.util.sizeFromShape(s)));
    body(ins, outs);
    return outs.map((v, i) => b.makeTensorInfo(outShapes[i], 'float32', v));
  }
  const b = backend as WasmLike;
  const infos = outShapes.map((s) => b.makeOutput(s, 'float32'));
  // Views only after every allocation: a heap growth detaches earlier ones.
  body(
    inputs.map((t) => b.typedArrayFromHeap(t)),
    infos.map((t) => b.typedArrayFromHeap(t)),
  );
  return infos;
}

/** Registers `make(kind)` for every loop backend where `name` is not yet registered. */
export function registerLoopKernel(name: string, make: (kind: LoopBackend) => tf.KernelFunc): void {
  for (const kind of LOOP_BACKENDS) {
    if (tf.getKernel(name, kind) === undefined) tf.registerKernel({ kernelName: name, backendName: kind, kernelFunc: make(kind) });
  }
}
