/** What the progress callback receives (the CLI renders it). */
export interface TrainProgress {
  phase: 'setup' | 'train' | 'validation' | 'checkpoint' | 'done';
  /** Steps completed. */
  step: number;
  steps: number;
  /** Unweighted loss components of the latest step (and the weighted generator total). */
  loss: Record<string, number | null> | null;
  lr: number | null;
  stepsPerSecond: number | null;
  /** Seconds of training audio processed per wall-clock second. */
  audioSecondsPerSecond: number | null;
  /** Estimated seconds to the last step (null until a few steps ran). */
  etaSeconds: number | null;
  elapsedSeconds: number;
  skippedSteps: number;
  message?: string;
}

/** Exponentially-weighted step duration → throughput and ETA. */
export class Throughput {
  private ema: number | null = null;
  private n = 0;

  constructor(private readonly alpha = 0.1) {}

  /** Records one step's duration in seconds. */
  add(seconds: number): void {
    this.n++;
    // the first steps include warm-up (kernel compilation, caches): weight them less
    this.ema = this.ema === null ? seconds : this.ema + Math.max(this.alpha, 1 / this.n) * (seconds - this.ema);
  }

  get secondsPerStep(): number | null {
    return this.ema;
  }

  eta(remainingSteps: number): number | null {
    return this.ema === null || this.n < 2 ? null : this.ema * remainingSteps;
  }
}
