export { CoreError, type CoreErrorCode } from './core-error.js';
export { initBackend, currentBackend, defaultBackendName, type BackendInfo, type InitBackendOptions } from './init-backend.js';
export { patchedWasmKernels, registerWasmKernels } from './wasm-kernels/register.js';
export { conv2dBackpropFilterImpl } from './wasm-kernels/conv2d-backprop-filter.js';
export { unsortedSegmentSumImpl } from './wasm-kernels/unsorted-segment-sum.js';
export { registerGradients } from './register-gradients.js';
export { conv2dBackpropInputImpl } from './wasm-kernels/conv2d-backprop-input.js';
