import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeBackends, values } from '../testing/backends.js';
import {
  logCosh,
  logCoshSurrogate,
  logCoshSurrogateDerivative,
  logCoshSurrogateValue,
  rampSurrogate,
  surrogate,
} from './surrogate.js';

// f′ from its own definition: ½[tanh(α(x+½)) − tanh(α(x−½))], evaluated in float64.
const fPrime = (x: number, a: number) => 0.5 * (Math.tanh(a * (x + 0.5)) - Math.tanh(a * (x - 0.5)));
// f from its definition with a direct (float64, moderate-argument) cosh.
const fDirect = (x: number, a: number) => 0.5 + Math.log(Math.cosh(a * (x + 0.5)) / Math.cosh(a * (x - 0.5))) / (2 * a);

it('closed forms agree with the definition and the spec values (α = 2: f′(0) = 0.762, f′(±1) = 0.117)', () => {
  for (const a of [1, 2, 4]) {
    for (const x of [-2, -1, -0.5, 0, 0.3, 1, 2]) {
      expect(logCoshSurrogateValue(x, a)).toBeCloseTo(fDirect(x, a), 12);
      expect(logCoshSurrogateDerivative(x, a)).toBeCloseTo(fPrime(x, a), 12);
    }
  }
  expect(fPrime(0, 2)).toBeCloseTo(0.762, 3);
  expect(fPrime(1, 2)).toBeCloseTo(0.117, 3);
  expect(fPrime(-1, 2)).toBeCloseTo(0.117, 3);
  expect(fDirect(0.5, 2)).toBeCloseTo(0.831, 3);
});

describeBackends('surrogate', () => {
  const grid = [...Array.from({ length: 121 }, (_, i) => -3 + i * 0.05), -7.5, 7.5, -40, 40];

  for (const alpha of [0.5, 1, 2, 4, 8, 16]) {
    it(`logcosh α=${alpha}: value and autodiff gradient match the closed forms within 1e-5`, () => {
      const x = tf.tensor1d(grid);
      const before = tf.memory().numTensors;
      const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => tf.sum(logCoshSurrogate(v, alpha)))(x);
      const f = logCoshSurrogate(x, alpha);
      const fv = values(f);
      const gv = values(grad);
      grid.forEach((xi, i) => {
        expect(Math.abs(fv[i] - logCoshSurrogateValue(xi, alpha))).toBeLessThan(1e-5);
        expect(Math.abs(gv[i] - fPrime(xi, alpha))).toBeLessThan(1e-5);
      });
      tf.dispose([value, grad, f]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    });
  }

  it('logcosh: finite value and gradient at x = ±1e4 and ±1e30 for α up to 16', () => {
    const xs = [-1e30, -1e4, -1e4 + 0.25, 1e4, 1e30, 0];
    const x = tf.tensor1d(xs);
    for (const alpha of [1, 2, 16]) {
      const f = logCoshSurrogate(x, alpha);
      const g = tf.grad((v: tf.Tensor) => tf.sum(logCoshSurrogate(v, alpha)))(x);
      const fv = values(f);
      for (const v of [...fv, ...values(g)]) expect(Number.isFinite(v)).toBe(true);
      expect(fv[1]).toBeCloseTo(0, 5);
      expect(fv[3]).toBeCloseTo(1, 5);
      expect(fv[5]).toBeCloseTo(0.5, 6);
      tf.dispose([f, g]);
    }
    x.dispose();
  });

  it('logCosh = ln cosh without overflow; its gradient is tanh', () => {
    const us = [-200, -3, -0.5, 0, 0.5, 3, 200];
    const u = tf.tensor1d(us);
    const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => tf.sum(logCosh(v)))(u);
    const lc = logCosh(u);
    values(lc).forEach((v, i) => {
      const exact = Math.abs(us[i]) < 20 ? Math.log(Math.cosh(us[i])) : Math.abs(us[i]) - Math.LN2;
      expect(v).toBeCloseTo(exact, 4);
    });
    values(grad).forEach((g, i) => {
      expect(g).toBeCloseTo(Math.tanh(us[i]), 6);
    });
    tf.dispose([u, value, grad, lc]);
  });

  it('ramp: clip(x, 0, 1) forward, gradient 1 only strictly inside (0, 1)', () => {
    const xs = [-1, 0, 1e-3, 0.5, 0.999, 1, 1.5];
    const x = tf.tensor1d(xs);
    const y = rampSurrogate(x);
    expect(values(y)).toEqual(xs.map((v) => Math.fround(Math.min(1, Math.max(0, v)))));
    const g = tf.grad((v: tf.Tensor) => tf.sum(rampSurrogate(v)))(x);
    expect(values(g)).toEqual([0, 0, 1, 1, 1, 0, 0]);
    tf.dispose([x, y, g]);
  });

  it('sigmoid: gradient α·σ(αx)(1 − σ(αx))', () => {
    const xs = [-2, -0.5, 0, 0.7, 3];
    const x = tf.tensor1d(xs);
    const g = tf.grad((v: tf.Tensor) => tf.sum(surrogate(v, 'sigmoid', 4)))(x);
    values(g).forEach((gi, i) => {
      const s = 1 / (1 + Math.exp(-4 * xs[i]));
      expect(gi).toBeCloseTo(4 * s * (1 - s), 5);
    });
    tf.dispose([x, g]);
    const y = tf.tensor1d([0]);
    expect(() => surrogate(y, 'nope' as never, 2)).toThrow(/unknown surrogate/);
    expect(() => surrogate(y, 'logcosh', 0)).toThrow(/alpha/);
    y.dispose();
  });
});
