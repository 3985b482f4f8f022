import * as tf from '@tensorflow/tfjs-core';

interface EngineTapeState {
  gradientDepth: number;
  activeTape: unknown[] | null;
}

/**
 * Runs `fn` with the current gradient tape suspended: nothing `fn` does is recorded on an
 * enclosing `tf.variableGrads`/`tf.grad`, and gradients computed inside `fn` run as top-level
 * ones (their tape is cleaned up when they finish instead of living until the enclosing backward).
 *
 * The training step needs this: one generator forward is taped for the generator's backward,
 * while, in the middle of it, the discriminator takes its own optimisation step on the detached
 * output and the audio-loss gradient with respect to that output is computed (the generator then
 * back-propagates Σ ŷ·∂L/∂ŷ). tfjs 4.22 has no public API for pausing the tape, so this saves and
 * restores the engine's `gradientDepth` and `activeTape` (pinned tfjs version).
 */
export function withoutTape<T>(fn: () => T): T {
  const state = (tf.engine() as unknown as { state: EngineTapeState }).state;
  const depth = state.gradientDepth;
  const tape = state.activeTape;
  state.gradientDepth = 0;
  state.activeTape = null;
  try {
    return fn();
  } finally {
    state.gradientDepth = depth;
    state.activeTape = tape;
  }
}
