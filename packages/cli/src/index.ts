export { main, usage, COMMANDS } from './main.js';
export { encodeAudio, type EncodeOptions, type EncodeResult } from './codec/encode.js';
export { decodeStream, type DecodeSink } from './codec/decode.js';
export { chooseRate, type RateChoice } from './codec/rate-choice.js';
export { computeMetrics, siSdrDb, type Metrics } from './metrics.js';
export { loadModel, DEFAULT_MODEL, type LoadedModel } from './model.js';
export { CliError, EXIT } from './errors.js';
