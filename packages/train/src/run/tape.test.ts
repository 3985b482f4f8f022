import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends.js';
import { withoutTape } from './tape.js';

describe('withoutTape', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('hides work from the enclosing gradient and allows independent inner gradients', () => {
    const a = tf.variable(tf.scalar(3));
    const b = tf.variable(tf.scalar(2));
    let inner = 0;
    const { value, grads } = tf.variableGrads(() => {
      const y = tf.mul(a, a); // taped: dy/da = 2a
      const c = withoutTape(() => {
        // an independent gradient inside: d(b·y')/db at a detached copy of y
        const yd = tf.clone(y);
        const g = tf.variableGrads(() => tf.mul(b, yd) as tf.Scalar, [b]);
        inner = g.grads[b.name].dataSync()[0];
        tf.dispose([g.value, ...Object.values(g.grads)]);
        return tf.mul(yd, 10); // not taped: the outer gradient must not see it
      });
      return tf.add(y, c) as tf.Scalar;
    }, [a]);
    expect(inner).toBe(9);
    expect(value.dataSync()[0]).toBe(9 + 90);
    expect(grads[a.name].dataSync()[0]).toBe(6); // only y = a² contributed
    tf.dispose([value, ...Object.values(grads), a, b]);
  });
});
