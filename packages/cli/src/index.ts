export { main, usage, COMMANDS } from './main.js';
export { encodeAudio, type EncodeOptions, type EncodeResult } from './codec/encode.js';
export { decodeStream, type DecodeOptions, type DecodeSink } from './codec/decode.js';
export { chooseRate, type RateChoice } from './codec/rate-choice.js';
export { computeMetrics, siSdrDb, type Metrics } from './metrics.js';
export { loadModel, modelWeights, DEFAULT_MODEL, type LoadedModel } from './model.js';
export { CliError, EXIT } from './errors.js';
export { InferencePool, type PoolOptions, THREADED_BACKENDS } from './parallel/pool.js';
export {
  createAnalyzer,
  createSynthesizer,
  type FrameAnalyzer,
  type FrameSynthesizer,
  ParallelAnalyzer,
  ParallelSynthesizer,
  type StreamOptions,
} from './parallel/streams.js';
export { chooseThreads, defaultThreads, WorkerThreads } from './parallel/threads.js';
