export { type Layer1d, Lambda1d, Sequential1d } from './layer.js';
export { WNConv1d, type WNConv1dOptions } from './wn-conv1d.js';
export { WNConvTranspose1d } from './wn-conv-transpose1d.js';
export { WNConv2d, type WNConv2dOptions } from './wn-conv2d.js';
export { Snake1d } from './snake1d.js';
export { ResidualUnit } from './residual-unit.js';
export { EncoderBlock, DecoderBlock, BLOCK_DILATIONS } from './blocks.js';
