/**
 * Node has no `OffscreenCanvas`, through which tfjs's WebGPU backend reads tensors
 * synchronously, and Dawn offers no blocking readback: there `dataSync()`/`arraySync()` of a
 * tensor that lives on the GPU cannot work. This replaces the resulting "OffscreenCanvas is not
 * defined" by a CoreError that names the fix (`await tensor.data()`). Tensors whose values are
 * still on the CPU (e.g. fresh uploads) read as before.
 */
import { CoreError } from './core-error.js';

// The parts of tfjs's WebGPUBackend this patch touches.
interface WebgpuBackendProto {
  readSync(this: WebgpuBackendThis, dataId: object): unknown;
}
interface WebgpuBackendThis {
  tensorMap: { get(dataId: object): { values?: unknown; dtype: string } | undefined };
}

const PATCHED = Symbol.for('vrvq.webgpuReadSyncPatched');

/** Installs the clear error on `WebGPUBackend.prototype.readSync` where `OffscreenCanvas` is missing. */
export function patchWebgpuSyncRead(backendClass: { prototype: unknown }): void {
  if (typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas !== 'undefined') return;
  const proto = backendClass.prototype as WebgpuBackendProto & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const stock = proto.readSync;
  proto.readSync = function (this: WebgpuBackendThis, dataId: object): unknown {
    const d = this.tensorMap.get(dataId);
    if (d === undefined || d.values != null || d.dtype === 'string' || d.dtype === 'complex64') {
      return stock.call(this, dataId);
    }
    throw new CoreError(
      'WEBGPU_SYNC_READ',
      'dataSync()/arraySync() cannot read a WebGPU tensor in Node: there is no OffscreenCanvas and Dawn has no blocking readback. Read it with `await tensor.data()` (or `await tensor.array()`).',
    );
  };
  proto[PATCHED] = true;
}
