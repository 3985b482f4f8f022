export { type AnalyzedFrames, analysisPlanner, StreamingAnalyzer, type WindowOptions } from './analyzer.js';
export { contextFrames, receptiveField } from './context.js';
export {
  AnalysisPlanner,
  type AnalysisWindow,
  analyzeWindow,
  analyzeWindowAsync,
  SynthesisPlanner,
  type SynthesisWindow,
  synthesizeWindow,
  synthesizeWindowAsync,
} from './plan.js';
export { concatSamples, StreamingSynthesizer, synthesisPlanner } from './synthesizer.js';
export { defaultWindowFrames, WINDOW_BUDGET_FLOATS } from './window.js';
