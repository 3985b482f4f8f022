import { open } from 'node:fs/promises';

/** Reads a file (or stdin for '-') as a stream of chunks, so memory stays bounded. */
export async function* fileChunks(path: string, chunkBytes = 1 << 16): AsyncGenerator<Uint8Array> {
  if (path === '-') {
    for await (const c of process.stdin) yield new Uint8Array(c as Buffer);
    return;
  }
  const h = await open(path, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(chunkBytes);
      const { bytesRead } = await h.read(buf, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await h.close();
  }
}
