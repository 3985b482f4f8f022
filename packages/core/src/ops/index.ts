export { conv1d, type Conv1dOptions } from './conv1d.js';
export { convTranspose1d, type ConvTranspose1dOptions } from './conv-transpose1d.js';
export { conv2d, type Conv2dOptions } from './conv2d.js';
export { snake } from './snake.js';
export { reflectPad1d, reflectPad2d } from './reflect-pad.js';
export { stopGradient } from './stop-gradient.js';
export { addBias } from './bias.js';
export { type LoopBackend, loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';
