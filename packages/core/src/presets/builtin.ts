import type { ModelPreset } from './types.js';

const DAC_44K: ModelPreset = {
  name: 'dac-44k',
  description: 'Official DAC 44.1 kHz generator (9 codebooks, 7.75 kbps). CBR only.',
  sampleRate: 44100,
  encoderDim: 64,
  encoderRates: [2, 4, 8, 8],
  latentDim: 1024,
  decoderDim: 1536,
  decoderRates: [8, 8, 4, 2],
  nCodebooks: 9,
  codebookSize: 1024,
  codebookDim: 8,
  importanceChannels: null,
};

/** Small DAC sized like the PyTorch CPU reference (1,971,626 parameters). */
const TINY_24K: ModelPreset = {
  ...DAC_44K,
  name: 'tiny-24k',
  description: 'Small DAC (encoder 16, decoder 128, 24 kHz, 8 codebooks): the PyTorch CPU reference size.',
  sampleRate: 24000,
  encoderDim: 16,
  encoderRates: [2, 4, 5, 8],
  latentDim: 256,
  decoderDim: 128,
  decoderRates: [8, 5, 4, 2],
  nCodebooks: 8,
};

/** The built-in presets, by name. */
export const PRESETS: Readonly<Record<string, ModelPreset>> = Object.freeze({
  'dac-44k': DAC_44K,
  'dac-24k': {
    ...DAC_44K,
    name: 'dac-24k',
    description: 'Official DAC 24 kHz generator (32 codebooks, 24 kbps). CBR only.',
    sampleRate: 24000,
    encoderRates: [2, 4, 5, 8],
    decoderRates: [8, 5, 4, 2],
    nCodebooks: 32,
  },
  'dac-16k': {
    ...DAC_44K,
    name: 'dac-16k',
    description: 'Official DAC 16 kHz generator (12 codebooks, 6 kbps). CBR only.',
    sampleRate: 16000,
    encoderRates: [2, 4, 5, 8],
    decoderRates: [8, 5, 4, 2],
    nCodebooks: 12,
  },
  'vrvq-44k': {
    ...DAC_44K,
    name: 'vrvq-44k',
    description: 'The VRVQ paper model: DAC 44.1 kHz with 8 codebooks and the importance subnet.',
    nCodebooks: 8,
    importanceChannels: [1024, 512, 128, 32, 8],
  },
  'tiny-24k': TINY_24K,
  'vrvq-tiny-24k': {
    ...TINY_24K,
    name: 'vrvq-tiny-24k',
    description: 'tiny-24k with the VRVQ importance subnet: trains on 2 CPU cores.',
    importanceChannels: [256, 128, 32, 8],
  },
  'vrvq-micro': {
    ...DAC_44K,
    name: 'vrvq-micro',
    description: 'A very small VRVQ model for tests and smoke runs (16 kHz, hop 64, 4 codebooks of 64).',
    sampleRate: 16000,
    encoderDim: 4,
    encoderRates: [2, 4, 8],
    latentDim: 16,
    decoderDim: 16,
    decoderRates: [8, 4, 2],
    nCodebooks: 4,
    codebookSize: 64,
    codebookDim: 4,
    importanceChannels: [16, 8],
  },
});

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
