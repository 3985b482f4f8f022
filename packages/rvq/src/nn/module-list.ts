import { Module } from './module.js';

/**
 * An ordered list of sub-modules registered as children `'0'`, `'1'`, …, like PyTorch's
 * `nn.ModuleList`, so parameter names come out as `quantizers.3.codebook.weight`.
 */
export class ModuleList<M extends Module> extends Module {
  readonly items: readonly M[];

  constructor(items: readonly M[]) {
    super();
    this.items = items.map((m, i) => this.child(String(i), m));
  }

  get length(): number {
    return this.items.length;
  }

  at(i: number): M {
    return this.items[i];
  }
}
