// A kernel-level profiler for tfjs on a synchronous backend (cpu, wasm): wraps every kernel
// registered for the backend so that each call adds its *self* time (nested kernel calls are
// subtracted) and a call count under the kernel name. Also times arbitrary labelled regions
// (e.g. a Module's apply). Times are this process's CPU time (user + system, µs resolution), not
// wall time: the machine is shared and wall time swings 2–3× with other load, while cpu/wasm
// compute synchronously on this thread. Used by the profile-* scripts; not part of the package.
import * as tf from '@tensorflow/tfjs-core';

/** CPU time of this process in ms. */
export function cpuNow() {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export class KernelProfiler {
  /** `byShape`: key kernels by name and input shapes (to find which call sites are slow). */
  constructor({ byShape = false } = {}) {
    this.byShape = byShape;
    /** name → { ms, calls } */
    this.kernels = new Map();
    this.regions = new Map();
    this.stack = [];
    this.enabled = false;
    this.wrapped = new Set();
  }

  /** Wraps every kernel currently registered for `backend` (call again after new ones register). */
  install(backend) {
    for (const cfg of tf.getKernelsForBackend(backend)) {
      if (this.wrapped.has(cfg)) continue;
      this.wrapped.add(cfg);
      const inner = cfg.kernelFunc;
      const kernelName = cfg.kernelName;
      cfg.kernelFunc = (args) => {
        const name = this.byShape
          ? `${kernelName} ${Object.values(args.inputs)
              .filter((t) => t != null)
              .map((t) => `[${t.shape}]`)
              .join(' ')}${args.attrs?.transposeA ? ' tA' : ''}${args.attrs?.transposeB ? ' tB' : ''}`
          : kernelName;
        if (!this.enabled) return inner(args);
        const frame = { child: 0 };
        this.stack.push(frame);
        const t0 = cpuNow();
        try {
          return inner(args);
        } finally {
          const dt = cpuNow() - t0;
          this.stack.pop();
          const parent = this.stack[this.stack.length - 1];
          if (parent) parent.child += dt;
          const e = this.kernels.get(name) ?? { ms: 0, calls: 0 };
          e.ms += dt - frame.child;
          e.calls += 1;
          this.kernels.set(name, e);
        }
      };
    }
  }

  /**
   * Wraps `obj[method]` so that its calls are timed (inclusive time) under `label`, a string or a
   * function of the receiver and the arguments (e.g. a prototype's method labelled per layer shape).
   */
  wrapMethod(obj, method, label) {
    const inner = obj[method];
    const self = this;
    obj[method] = function (...a) {
      if (!self.enabled) return inner.apply(this, a);
      const t0 = cpuNow();
      try {
        return inner.apply(this, a);
      } finally {
        const key = typeof label === 'function' ? label(this, a) : label;
        const e = self.regions.get(key) ?? { ms: 0, calls: 0 };
        e.ms += cpuNow() - t0;
        e.calls += 1;
        self.regions.set(key, e);
      }
    };
    return () => {
      obj[method] = inner;
    };
  }

  reset() {
    this.kernels.clear();
    this.regions.clear();
  }

  /** Runs `f` with profiling on; returns { wallMs, cpuMs, kernelMs (CPU), calls }. */
  run(f) {
    this.enabled = true;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      f();
    } finally {
      this.enabled = false;
    }
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    let kernelMs = 0;
    let calls = 0;
    for (const e of this.kernels.values()) {
      kernelMs += e.ms;
      calls += e.calls;
    }
    return { wallMs, cpuMs: (c.user + c.system) / 1000, kernelMs, calls };
  }

  /** Top `n` rows of a map as text lines: name, CPU ms, share of `total`, calls (all per run). */
  static table(map, total, n = 15, reps = 1) {
    const rows = [...map.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, n);
    return rows.map(
      ([k, e]) =>
        `  ${k.padEnd(34)} ${(e.ms / reps).toFixed(1).padStart(8)} ms ${((100 * e.ms) / total).toFixed(1).padStart(5)} %  ${String(Math.round(e.calls / reps)).padStart(6)} calls`,
    );
  }
}

/** Best-of and mean wall/CPU time of `reps` runs of `f` (after one warm-up run). */
export function timeRuns(reps, f) {
  f();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const min = (a) => Math.min(...a);
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  return { wallMin: min(wall), wallMean: mean(wall), cpuMin: min(cpu), cpuMean: mean(cpu) };
}
