let loading: Promise<void> | null = null;

/**
 * Registers tfjs-core's gradient functions (tfjs-core registers none by itself; the union
 * `@tensorflow/tfjs` package normally does it). Idempotent; `initBackend` calls it.
 *
 * The module imported here is tfjs-core's ESM source, whose extensionless relative imports plain
 * Node cannot resolve: the package build must bundle it (tsup `noExternal`). Bundlers and
 * vitest resolve it as is. A bundled second copy is harmless: tfjs keeps its engine and kernel
 * and gradient registries in globals and `Tensor` overrides `instanceof`.
 */
export function registerGradients(): Promise<void> {
  if (loading === null) {
    loading = import('@tensorflow/tfjs-core/dist/register_all_gradients.js').then(() => undefined);
  }
  return loading;
}
