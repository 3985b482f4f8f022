import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@vrvq/core';
import { type Parsed, flag, str } from './args.js';
import { Progress } from './progress.js';

/** What every command gets: parsed flags, output helpers, and a lazily initialised backend. */
export class CommandContext {
  readonly quiet: boolean;
  readonly json: boolean;
  readonly debug: boolean;
  private backendReady: Promise<string> | null = null;

  constructor(readonly args: Parsed) {
    this.quiet = flag(args.values.quiet);
    this.json = flag(args.values.json);
    this.debug = flag(args.values.debug);
  }

  /** Initialises the tfjs backend once (default wasm in Node). */
  backend(): Promise<string> {
    if (!this.backendReady) {
      const name = str(this.args.values.backend) ?? process.env.VRVQ_BACKEND;
      this.backendReady = initBackend(name).then((info) => {
        tf.enableProdMode();
        return info.name;
      });
    }
    return this.backendReady;
  }

  progress(label: string, total: number, unit = ''): Progress {
    return new Progress(label, total, Progress.enabledFor(this.quiet || this.json), unit);
  }

  /** A line for people on stderr (suppressed by --quiet). */
  note(msg: string): void {
    if (!this.quiet) process.stderr.write(`${msg}\n`);
  }

  out(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  outJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
