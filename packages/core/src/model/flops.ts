import { BLOCK_DILATIONS } from '../nn/blocks.js';
import type { ModelPreset } from '../presets/types.js';
import { encoderFeatureDim, frameRate } from '../presets/validate.js';

export interface FlopCount {
  encoder: number;
  importance: number;
  quantizer: number;
  decoder: number;
  total: number;
}

/**
 * Floating-point operations (2 per multiply-accumulate) per second of audio for one full encode
 * and decode, counting convolutions, transposed convolutions and the quantizer's matmuls at all
 * N_q levels; element-wise work (Snake, adds) is left out.
 */
export function flopsPerSecond(p: ModelPreset): FlopCount {
  const ru = (c: number) => BLOCK_DILATIONS.length * (c * c * 7 + c * c); // MACs per sample
  let rate = p.sampleRate;
  let dim = p.encoderDim;
  let enc = rate * dim * 7; // input conv 1 → C, k7
  for (const s of p.encoderRates) {
    enc += rate * ru(dim); // three residual units at the block's input rate
    enc += (rate / s) * dim * (2 * dim) * (2 * s); // strided conv C → 2C, k = 2s
    rate /= s;
    dim *= 2;
  }
  const fr = frameRate(p);
  enc += fr * dim * p.latentDim * 3;

  let imp = 0;
  if (p.importanceChannels) {
    const ch = [encoderFeatureDim(p), ...p.importanceChannels, 1];
    for (let i = 0; i + 1 < ch.length; i++) imp += fr * ch[i] * ch[i + 1] * 3;
  }

  const q = fr * p.nCodebooks * (2 * p.latentDim * p.codebookDim + p.codebookDim * p.codebookSize);

  let dec = fr * p.latentDim * p.decoderDim * 7;
  let drate = fr;
  let ddim = p.decoderDim;
  for (const s of p.decoderRates) {
    dec += drate * ddim * (ddim / 2) * (2 * s); // transposed conv per input frame
    drate *= s;
    ddim /= 2;
    dec += drate * ru(ddim);
  }
  dec += drate * ddim * 7;

  const f = { encoder: 2 * enc, importance: 2 * imp, quantizer: 2 * q, decoder: 2 * dec, total: 0 };
  f.total = f.encoder + f.importance + f.quantizer + f.decoder;
  return f;
}
