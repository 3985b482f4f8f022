export { addBias } from './bias.js';
export { type ConvTranspose1dOptions, convTranspose1d } from './conv-transpose1d.js';
export { type Conv1dOptions, conv1d } from './conv1d.js';
export { type Conv2dOptions, conv2d } from './conv2d.js';
export { type LoopBackend, loopKernelsActive, registerLoopKernel, runLoop } from './loop-kernels.js';
export { reflectPad1d, reflectPad2d } from './reflect-pad.js';
export { snake } from './snake.js';
export { stopGradient } from './stop-gradient.js';
