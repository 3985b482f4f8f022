import type * as tf from '@tensorflow/tfjs-core';
import { type WebgpuBackendLike, bufferDtype, flatProgram } from './flat-program.js';

const XYZ = ['x', 'y', 'z', 'w', 'u', 'v'];
const COORDS = ['', 'i32', 'vec2<i32>', 'vec3<i32>', 'vec4<i32>', 'vec5', 'vec6'];

let stockTranspose: tf.KernelFunc | null = null;

/**
 * `Transpose` for tensors held in integer buffers (int32, bool, and floats cast from them). The
 * stock TransposeProgram hands the i32 element to the f32 `setOutputAtIndex`, which fails shader
 * validation: tfjs only logs that, and the output reads as zeros. This one stores through
 * `setOutputAtIndexI32`, which converts to the output's type. Ranks 1–6 (tfjs's coordinate types).
 */
function transposeKernel({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = inputs.x!;
  const be = backend as unknown as WebgpuBackendLike;
  const rank = x.shape.length;
  const intBuffer = ['int32', 'bool'].includes(bufferDtype(be, x));
  if (!intBuffer || rank < 1 || rank > 6 || be.shouldExecuteOnCPU([x])) return stockTranspose!({ inputs, attrs, backend });
  const { perm } = attrs as unknown as { perm: number[] };
  const outShape = perm.map((p) => x.shape[p]);
  // input coordinate perm[i] is output coordinate i
  const inCoords = new Array<string>(rank);
  perm.forEach((p, i) => {
    inCoords[p] = rank === 1 ? 'coords' : `coords.${XYZ[i]}`;
  });
  const at = rank === 1 ? inCoords[0] : `getIndexFromCoords${rank}D(${COORDS[rank]}(${inCoords.join(', ')}), uniforms.aShape)`;
  const program = flatProgram(
    outShape,
    `vrvq_transpose_int_${perm}`,
    `let coords = getCoordsFromIndex(index);
          setOutputAtIndexI32(index, A[${at}]);`,
  );
  return be.runWebGPUProgram(program, [x], x.dtype);
}

/** The WebGPU `Transpose` with integer-buffer tensors transposed by an integer program (others: stock). */
export function patchedTransposeKernel(stock: tf.KernelConfig): tf.KernelConfig {
  stockTranspose = stock.kernelFunc;
  return { ...stock, kernelFunc: transposeKernel };
}

export function isPatchedTranspose(k: tf.KernelConfig | undefined): boolean {
  return k?.kernelFunc === transposeKernel;
}
