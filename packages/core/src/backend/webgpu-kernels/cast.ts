import type * as tf from '@tensorflow/tfjs-core';
import { type WebgpuBackendLike, bufferDtype, flatProgram } from './flat-program.js';

let stockCast: tf.KernelFunc | null = null;

/**
 * `Cast` to float32 of int32/bool tensors that converts the values. The stock kernel only
 * relabels the integer buffer as float32; programs then declare that input as i32, and those
 * that store it unconverted (e.g. Transpose) fail shader validation and output zeros. Here the
 * result is a real f32 buffer: converted on the CPU where tfjs keeps small tensors, else by a
 * one-line program. Other casts go to the stock kernel.
 */
function castKernel({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = inputs.x!;
  const be = backend as unknown as WebgpuBackendLike;
  const { dtype } = attrs as unknown as { dtype: tf.DataType };
  const fromInt = ['int32', 'bool'].includes(bufferDtype(be, x));
  if (dtype !== 'float32' || !fromInt) return stockCast!({ inputs, attrs, backend });
  if (be.shouldExecuteOnCPU([x])) {
    const values = be.tensorMap.get(x.dataId).values!;
    return be.makeTensorInfo(x.shape, 'float32', Float32Array.from(values));
  }
  const program = flatProgram(x.shape, 'vrvq_cast_int_to_f32', 'setOutputAtIndex(index, f32(A[index]));');
  return be.runWebGPUProgram(program, [x], 'float32');
}

/** The WebGPU `Cast` with int32/bool → float32 converting the values (others: stock). */
export function patchedCastKernel(stock: tf.KernelConfig): tf.KernelConfig {
  stockCast = stock.kernelFunc;
  return { ...stock, kernelFunc: castKernel };
}

export function isPatchedCast(k: tf.KernelConfig | undefined): boolean {
  return k?.kernelFunc === castKernel;
}
