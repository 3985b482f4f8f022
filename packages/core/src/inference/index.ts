export { type AnalyzedFrames, StreamingAnalyzer, type WindowOptions } from './analyzer.js';
export { contextFrames, receptiveField } from './context.js';
export { StreamingSynthesizer } from './synthesizer.js';
export { defaultWindowFrames, WINDOW_BUDGET_FLOATS } from './window.js';
