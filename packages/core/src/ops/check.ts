import { CoreError } from '../backend/core-error.js';

/** Throws a `CoreError('BAD_ARGUMENT')` with `message` unless `cond` holds. */
export function check(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new CoreError('BAD_ARGUMENT', message());
}

/** A non-negative integer option (padding), with a named error. */
export function checkNonNegInt(v: number, what: string): void {
  check(Number.isInteger(v) && v >= 0, () => `${what} must be a non-negative integer, got ${v}`);
}

/** A positive integer option (stride, dilation), with a named error. */
export function checkPosInt(v: number, what: string): void {
  check(Number.isInteger(v) && v >= 1, () => `${what} must be a positive integer, got ${v}`);
}
