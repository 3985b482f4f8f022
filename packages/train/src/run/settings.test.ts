import { describe, expect, it } from 'vitest';
import { hasPath, parseSetting, setPath } from './settings.js';

describe('parseSetting', () => {
  it('reads JSON values and falls back to the bare string', () => {
    expect(parseSetting('optimizer.lr=3e-4')).toEqual({ path: 'optimizer.lr', value: 3e-4 });
    expect(parseSetting('gan.periods=[2,3]')).toEqual({ path: 'gan.periods', value: [2, 3] });
    expect(parseSetting('mode="cbr"')).toEqual({ path: 'mode', value: 'cbr' });
    expect(parseSetting('mode=cbr')).toEqual({ path: 'mode', value: 'cbr' });
    expect(parseSetting('name=a=b')).toEqual({ path: 'name', value: 'a=b' });
  });

  it('refuses a setting without a key path', () => {
    expect(() => parseSetting('lr')).toThrow(/key.path=value/);
    expect(() => parseSetting('=1')).toThrow(/key.path=value/);
    expect(() => parseSetting('optimizer..lr=1')).toThrow(/empty part/);
  });
});

describe('setPath / hasPath', () => {
  it('sets nested values, creating missing objects, and reports which paths exist', () => {
    const o: Record<string, unknown> = { optimizer: { lr: 1 }, gan: { periods: [2] } };
    setPath(o, 'optimizer.lr', 2);
    setPath(o, 'quantizer.levels.min', 0.5);
    expect(o).toEqual({ optimizer: { lr: 2 }, gan: { periods: [2] }, quantizer: { levels: { min: 0.5 } } });
    expect(hasPath(o, 'quantizer.levels.min')).toBe(true);
    expect(hasPath(o, 'optimizer.nope')).toBe(false);
    expect(hasPath(o, 'gan.periods.length')).toBe(false);
    expect(hasPath(o, 'optimizer.lr.x')).toBe(false);
  });
});
