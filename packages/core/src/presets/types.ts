/**
 * A model preset: a plain JSON-serialisable object that fully determines the network shapes.
 * The same object is stored inside every weights file and checkpoint.
 */
export interface ModelPreset {
  /** Short identifier, e.g. `vrvq-tiny-24k`. */
  name: string;
  /** Audio sample rate the model works at (Hz). */
  sampleRate: number;
  /** Channels after the encoder's input conv (DAC: 64); doubles in every encoder block. */
  encoderDim: number;
  /** Encoder strides (DAC 44.1k: [2, 4, 8, 8]); hop = their product. */
  encoderRates: number[];
  /** Latent dimension D at the quantizer (DAC: encoderDim · 2^blocks = 1024). */
  latentDim: number;
  /** Channels after the decoder's input conv (DAC: 1536); halves in every decoder block. */
  decoderDim: number;
  /** Decoder strides (DAC 44.1k: [8, 8, 4, 2]). */
  decoderRates: number[];
  /** Number of RVQ levels N_q. */
  nCodebooks: number;
  /** Entries per codebook (power of two; DAC: 1024 → 10 bits per code). */
  codebookSize: number;
  /** Factorised code dimension (DAC: 8). */
  codebookDim: number;
  /**
   * Hidden channels of the VRVQ importance subnet (k=3 convs, each after a Snake, final 1-channel
   * conv + sigmoid), input = last encoder block output. `null`: plain DAC (CBR only).
   * Paper: [1024, 512, 128, 32, 8] for a 1024-channel feature.
   */
  importanceChannels: number[] | null;
  /** Free text shown by `vrvq presets`. */
  description?: string;
}
