/** Random-access bytes of known size: a file handle, a Blob, or a buffer in memory. */
export interface ByteSource {
  /** Total size in bytes. */
  size: number;
  /** Reads up to `length` bytes at `position`; returns fewer only at the end of the source. */
  read(position: number, length: number): Promise<Uint8Array>;
}

/** Where a streaming writer puts bytes: appended in order, optionally patched at a position. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void> | void;
  /** When present, the WAV header is rewritten with the final sizes on close. */
  writeAt?(position: number, bytes: Uint8Array): Promise<void> | void;
}

/** The part of Node's `fs.promises.FileHandle` a source needs. */
export interface ReadableFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  stat(): Promise<{ size: number }>;
}

/** The part of Node's `fs.promises.FileHandle` a sink needs. */
export interface WritableFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
  };
}

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (position, length) => new Uint8Array(await blob.slice(position, position + length).arrayBuffer()),
  };
}

/** A source over an open Node file handle (`await fs.promises.open(path)`); the caller closes it. */
export async function fileHandleSource(handle: ReadableFileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    read: async (position, length) => {
      const want = Math.max(0, Math.min(length, size - position));
      const buf = new Uint8Array(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(buf, got, want - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === want ? buf : buf.subarray(0, got);
    },
  };
}

/** A sink over a Node file handle opened for writing (`await fs.promises.open(path, 'w')`). */
export function fileHandleSink(handle: WritableFileHandle): ByteSink {
  let end = 0;
  const writeFully = async (position: number, bytes: Uint8Array) => {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  };
  return {
    write: async (bytes) => {
      await writeFully(end, bytes);
      end += bytes.length;
    },
    writeAt: (position, bytes) => writeFully(position, bytes),
  };
}
