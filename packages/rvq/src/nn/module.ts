import * as tf from '@tensorflow/tfjs-core';

/**
 * A tree of named parameters, like a PyTorch `nn.Module`, so that parameter names match the
 * official state_dict names (`encoder.block.0.weight_v`, `quantizer.quantizers.3.codebook.weight`)
 * and checkpoints move both ways.
 *
 * Parameters are stored in PyTorch layout (conv weights `[out, in, k]`); layers convert to the
 * tfjs layout inside their forward pass.
 */
export abstract class Module {
  private readonly ownParams = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();

  /** Registers a trainable parameter initialised from `init` (which the module takes over). */
  protected param(name: string, init: tf.Tensor, trainable = true): tf.Variable {
    if (this.ownParams.has(name) || this.children.has(name)) throw new Error(`duplicate parameter name '${name}'`);
    const v = tf.variable(init, trainable);
    init.dispose();
    this.ownParams.set(name, v);
    return v;
  }

  /** Registers a sub-module under `name` (use '0', '1', … for sequential lists). */
  protected child<M extends Module>(name: string, m: M): M {
    if (this.ownParams.has(name) || this.children.has(name)) throw new Error(`duplicate child name '${name}'`);
    this.children.set(name, m);
    return m;
  }

  /** All parameters with their full dotted names, in registration order (PyTorch order). */
  namedParameters(prefix = ''): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [];
    for (const [n, v] of this.ownParams) out.push([prefix + n, v]);
    for (const [n, c] of this.children) out.push(...c.namedParameters(`${prefix}${n}.`));
    return out;
  }

  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Number of scalar parameters, counted as PyTorch counts them (g and v of weight norm both). */
  numParameters(): number {
    return this.parameters().reduce((n, v) => n + v.size, 0);
  }

  /** Frees every variable of this module and its children. */
  dispose(): void {
    for (const v of this.ownParams.values()) v.dispose();
    for (const c of this.children.values()) c.dispose();
  }
}
