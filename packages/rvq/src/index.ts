export { Module } from './nn/module.js';
export { weightNorm, weightNormInitialG } from './nn/weight-norm.js';
export { Rng } from './nn/rng.js';
