import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets/builtin.js';
import { hopLength } from '../presets/validate.js';
import { defaultWindowFrames, WINDOW_BUDGET_FLOATS } from './window.js';

describe('defaultWindowFrames', () => {
  it('keeps 256 frames for the full-size models and gives small models 1024', () => {
    for (const name of ['dac-44k', 'dac-24k', 'vrvq-44k']) {
      expect(defaultWindowFrames(PRESETS[name], 'analysis'), name).toBe(256);
      expect(defaultWindowFrames(PRESETS[name], 'synthesis'), name).toBe(256);
    }
    for (const name of ['tiny-24k', 'vrvq-tiny-24k']) {
      expect(defaultWindowFrames(PRESETS[name], 'analysis'), name).toBe(1024);
      expect(defaultWindowFrames(PRESETS[name], 'synthesis'), name).toBe(1024);
    }
  });

  it('holds the encoder input stage (hop × encoderDim floats per frame) within the budget when above 256', () => {
    for (const p of Object.values(PRESETS)) {
      const frames = defaultWindowFrames(p, 'analysis');
      expect([256, 512, 1024]).toContain(frames);
      if (frames > 256) expect(frames * hopLength(p) * p.encoderDim).toBeLessThanOrEqual(WINDOW_BUDGET_FLOATS);
    }
  });
});
