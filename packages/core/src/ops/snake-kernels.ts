import * as tf from '@tensorflow/tfjs-core';
import { snakeBackward, snakeForward } from './snake-math.js';

export const SNAKE_KERNEL = 'VrvqSnake';
export const SNAKE_GRAD_KERNEL = 'VrvqSnakeGrad';

/** Backends whose tensors live in JS-visible Float32Arrays, so the Snake loops can run on them. */
export const SNAKE_KERNEL_BACKENDS = ['cpu', 'wasm'] as const;

// Just the parts of the cpu and wasm backends the kernels use.
interface CpuLike {
  data: { get(id: tf.DataId): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): tf.TensorInfo;
}
interface WasmLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

function cpuValues(backend: CpuLike, t: tf.TensorInfo): Float32Array {
  return backend.data.get(t.dataId).values as Float32Array;
}

function forwardKernel(backendName: 'cpu' | 'wasm'): tf.KernelConfig {
  return {
    kernelName: SNAKE_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x!;
      const alpha = inputs.alpha!;
      const c = x.shape[x.shape.length - 1];
      if (backendName === 'cpu') {
        const b = backend as unknown as CpuLike;
        const out = new Float32Array(tf.util.sizeFromShape(x.shape));
        snakeForward(cpuValues(b, x), cpuValues(b, alpha), out, c);
        return b.makeTensorInfo(x.shape, 'float32', out);
      }
      const b = backend as unknown as WasmLike;
      const out = b.makeOutput(x.shape, 'float32');
      // Views only after allocating: a heap growth detaches earlier ones.
      snakeForward(b.typedArrayFromHeap(x), b.typedArrayFromHeap(alpha), b.typedArrayFromHeap(out), c);
      return out;
    },
  };
}

function gradKernel(backendName: 'cpu' | 'wasm'): tf.KernelConfig {
  return {
    kernelName: SNAKE_GRAD_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { dy, x, alpha } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; alpha: tf.TensorInfo };
      const c = x.shape[x.shape.length - 1];
      const dAlpha = new Float64Array(c);
      if (backendName === 'cpu') {
        const b = backend as unknown as CpuLike;
        const dx = new Float32Array(tf.util.sizeFromShape(x.shape));
        snakeBackward(cpuValues(b, dy), cpuValues(b, x), cpuValues(b, alpha), dx, dAlpha, c);
        return [b.makeTensorInfo(x.shape, 'float32', dx), b.makeTensorInfo([c], 'float32', Float32Array.from(dAlpha))];
      }
      const b = backend as unknown as WasmLike;
      const dx = b.makeOutput(x.shape, 'float32');
      const da = b.makeOutput([c], 'float32');
      snakeBackward(b.typedArrayFromHeap(dy), b.typedArrayFromHeap(x), b.typedArrayFromHeap(alpha), b.typedArrayFromHeap(dx), dAlpha, c);
      b.typedArrayFromHeap(da).set(dAlpha);
      return [dx, da];
    },
  };
}

let registered = false;

/** Registers the Snake kernels for cpu and wasm (once; harmless before those backends exist). */
export function registerSnakeKernels(): void {
  if (registered) return;
  for (const name of SNAKE_KERNEL_BACKENDS) {
    if (tf.getKernel(SNAKE_KERNEL, name) === undefined) tf.registerKernel(forwardKernel(name));
    if (tf.getKernel(SNAKE_GRAD_KERNEL, name) === undefined) tf.registerKernel(gradKernel(name));
  }
  registered = true;
}
