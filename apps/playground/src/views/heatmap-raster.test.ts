import { describe, expect, it } from 'vitest';
import { heatmapRaster } from './heatmap-raster.js';

describe('heatmapRaster', () => {
  it('marks levels 1…n[t] of every frame at full resolution', () => {
    const r = heatmapRaster(Uint8Array.from([1, 3, 2]), Float32Array.from([0.1, 0.9, 0.5]), 4, 100);
    expect(r.columns).toBe(3);
    const row = (k: number) => Array.from(r.usage.subarray(k * 3, k * 3 + 3));
    expect(row(0)).toEqual([1, 1, 1]);
    expect(row(1)).toEqual([0, 1, 1]);
    expect(row(2)).toEqual([0, 1, 0]);
    expect(row(3)).toEqual([0, 0, 0]);
    expect(Array.from(r.importance!)).toEqual(Array.from(Float32Array.from([0.1, 0.9, 0.5])));
  });

  it('averages frames into columns when there are more frames than columns', () => {
    const r = heatmapRaster(Uint8Array.from([1, 2, 3, 4]), Float32Array.from([0, 0.5, 0.25, 0.75]), 4, 2);
    expect(r.columns).toBe(2);
    expect(Array.from(r.usage.subarray(0, 2))).toEqual([1, 1]); // level 1 always on
    expect(Array.from(r.usage.subarray(2, 4))).toEqual([0.5, 1]);
    expect(Array.from(r.usage.subarray(6, 8))).toEqual([0, 0.5]);
    expect(Array.from(r.importance!)).toEqual([0.25, 0.5]);
  });
});
