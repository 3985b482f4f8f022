export { contextFrames, receptiveField } from './context.js';
export { StreamingAnalyzer, type AnalyzedFrames, type WindowOptions } from './analyzer.js';
export { StreamingSynthesizer } from './synthesizer.js';
export { defaultWindowFrames, WINDOW_BUDGET_FLOATS } from './window.js';
