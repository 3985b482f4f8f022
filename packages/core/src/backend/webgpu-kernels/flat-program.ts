import type * as tf from '@tensorflow/tfjs-core';

/** The two helpers of tfjs-backend-webgpu's exported `webgpu_util` the programs here use. */
export interface WebgpuUtilLike {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(
    layout: { x: number[] },
    outputShape: number[],
    workgroupSize: [number, number, number],
    elementsPerThread: [number, number, number],
  ): [number, number, number];
}

/** The parts of tfjs's WebGPUBackend the kernels here use. */
export interface WebgpuBackendLike {
  tensorMap: { get(dataId: tf.DataId): { dtype: tf.DataType; values?: ArrayLike<number> | null } };
  shouldExecuteOnCPU(inputs: tf.TensorInfo[]): boolean;
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType): tf.TensorInfo;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.backend_util.BackendValues): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}

let util: WebgpuUtilLike | null = null;

/** Hands the backend package's `webgpu_util` to the programs (called before any kernel runs). */
export function setWebgpuUtil(u: WebgpuUtilLike): void {
  util = u;
}

/**
 * The dtype of the GPU buffer behind a tensor. It can differ from the tensor's: tfjs-webgpu
 * casts int32/bool → float32 by relabelling the int buffer, and then declares program inputs
 * with the buffer's type (i32).
 */
export function bufferDtype(backend: WebgpuBackendLike, x: tf.TensorInfo): tf.DataType {
  return backend.tensorMap.get(x.dataId).dtype;
}

/**
 * A tfjs-webgpu program over one input `A`, one invocation per output element, flat dispatch.
 * `body` is WGSL run with `index` (the flat output index) inside the bounds check; tfjs
 * supplies `getCoordsFromIndex`, `getIndexFromCoords{N}D`, `uniforms.aShape` and the
 * `setOutputAtIndex` (f32 value) / `setOutputAtIndexI32` (i32 value) stores.
 */
export function flatProgram(outputShape: number[], shaderKey: string, body: string): object {
  const workgroupSize: [number, number, number] = [64, 1, 1];
  const dispatchLayout = util!.flatDispatchLayout(outputShape);
  return {
    variableNames: ['A'],
    workgroupSize,
    size: true,
    outputShape,
    dispatchLayout,
    dispatch: util!.computeDispatch(dispatchLayout, outputShape, workgroupSize, [1, 1, 1]),
    shaderKey,
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
        }
      }
    `,
  };
}
