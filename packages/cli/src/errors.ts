/** Exit codes of the `vrvq` command. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (a bug, a backend failure). */
  failure: 1,
  /** The command line is wrong (unknown command or option, bad value). */
  usage: 2,
  /** An input is unusable: missing, not audio, empty, corrupt, NaN samples, made by another model. */
  input: 3,
  /** An output cannot be written. */
  output: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** An error meant for the user: `message` is printed alone, `exitCode` becomes the process status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (msg: string) => new CliError(msg, EXIT.usage);
export const inputError = (msg: string) => new CliError(msg, EXIT.input);
export const outputError = (msg: string) => new CliError(msg, EXIT.output);

/**
 * Maps an error from any layer to (message, exit code). Errors of our packages carry a `code` and a
 * human message; file-system errors are rephrased; anything else is an internal failure.
 */
export function describeError(e: unknown): { message: string; exitCode: number } {
  if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
  const err = e as { name?: string; code?: string; message?: string; path?: string; syscall?: string };
  const name = err?.name ?? '';
  if (['AudioError', 'BitstreamError', 'RvqError'].includes(name)) {
    return { message: err.message ?? String(e), exitCode: EXIT.input };
  }
  if (name === 'TrainError') {
    const usage = ['bad-config', 'run-dir'].includes(err.code ?? '');
    return { message: err.message ?? String(e), exitCode: usage ? EXIT.usage : EXIT.failure };
  }
  if (name === 'CoreError') {
    const input = ['BAD_INPUT', 'BAD_WEIGHTS', 'WEIGHTS_MISMATCH', 'INVALID_PRESET', 'UNKNOWN_PRESET'].includes(err.code ?? '');
    return { message: err.message ?? String(e), exitCode: input ? EXIT.input : EXIT.failure };
  }
  switch (err?.code) {
    case 'ENOENT':
      return { message: `no such file: ${err.path}`, exitCode: EXIT.input };
    case 'EISDIR':
      return { message: `is a directory: ${err.path}`, exitCode: EXIT.input };
    case 'EACCES':
    case 'EPERM':
      return { message: `permission denied: ${err.path}`, exitCode: err.syscall === 'open' ? EXIT.output : EXIT.input };
    case 'ENOSPC':
      return { message: 'no space left on the device', exitCode: EXIT.output };
    case 'EROFS':
      return { message: `read-only file system: ${err.path}`, exitCode: EXIT.output };
  }
  return { message: `internal error: ${err?.message ?? String(e)} (run with --debug for details)`, exitCode: EXIT.failure };
}
