import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from '@vrvq/audio';
import { outputError } from '../errors.js';

/**
 * An output file written to a temporary name beside the target and renamed into place on
 * `commit()`, so a failure or Ctrl-C never leaves a partial file under the real name.
 */
export class AtomicFile {
  private static readonly open = new Set<AtomicFile>();
  private position = 0;
  private done = false;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {
    AtomicFile.open.add(this);
  }

  static async create(path: string): Promise<AtomicFile> {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    let handle: FileHandle;
    try {
      handle = await open(tmp, 'wx');
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
      throw outputError(`cannot write ${path}: ${why}`);
    }
    return new AtomicFile(path, tmp, handle);
  }

  /** A sink for streaming writers (sequential writes, plus `writeAt` for header rewrites). */
  get sink(): ByteSink {
    return {
      write: (bytes: Uint8Array) => this.write(bytes),
      writeAt: async (pos: number, bytes: Uint8Array) => {
        await this.handle.write(bytes, 0, bytes.length, pos);
      },
    };
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    await this.handle.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  get bytesWritten(): number {
    return this.position;
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    AtomicFile.open.delete(this);
    await this.handle.close();
    await rename(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    AtomicFile.open.delete(this);
    await this.handle.close().catch(() => {});
    await rm(this.tmp, { force: true });
  }

  /** Removes every temporary file still open (on failure or a signal). */
  static async abortAll(): Promise<void> {
    await Promise.all([...AtomicFile.open].map((f) => f.abort()));
  }
}
