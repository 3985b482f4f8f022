import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type AudioData, WavReader, decodeAudio, fileHandleSource } from '@vrvq/audio';
import { inputError } from '../errors.js';

/** An opened audio input, read block by block so long files need bounded memory (WAV). */
export interface AudioInput {
  name: string;
  sampleRate: number;
  channels: number;
  /** Frames per channel. */
  frames: number;
  /** Consecutive blocks of at most `blockFrames` frames, one Float32Array per channel. */
  blocks(blockFrames: number): AsyncGenerator<Float32Array[]>;
  close(): Promise<void>;
}

/** Reads standard input to the end. */
async function readStdin(): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

const isWav = (head: Uint8Array) => {
  const tag = String.fromCharCode(...head.subarray(0, 4));
  return (tag === 'RIFF' || tag === 'RF64' || tag === 'BW64') && String.fromCharCode(...head.subarray(8, 12)) === 'WAVE';
};

/**
 * Opens a file (or `-` for standard input). WAV files are streamed from disk; FLAC, Ogg and MP3
 * are decoded whole. Throws a clear input error for empty, silent-length or non-finite audio.
 */
export async function openAudioInput(path: string): Promise<AudioInput> {
  if (path === '-') return fromDecoded('stdin', await decodeAudio(await readStdin()));
  const handle = await open(path, 'r');
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw inputError(`${path} is a directory`);
    if (st.size === 0) throw inputError(`${path} is empty (0 bytes)`);
    const head = new Uint8Array(12);
    await handle.read(head, 0, 12, 0);
    if (isWav(head)) {
      const reader = await WavReader.open(await fileHandleSource(handle));
      const h = reader.header;
      if (h.frames === 0) throw inputError(`${path} holds no audio samples`);
      return {
        name: basename(path),
        sampleRate: h.sampleRate,
        channels: h.channels,
        frames: h.frames,
        async *blocks(blockFrames: number) {
          for await (const block of reader.blocks(blockFrames)) {
            checkFinite(block, path);
            yield block.channels;
          }
        },
        close: () => handle.close(),
      };
    }
    await handle.close();
    return fromDecoded(basename(path), await decodeAudio(new Uint8Array(await readFile(path)), path));
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
}

function fromDecoded(name: string, audio: AudioData): AudioInput {
  const frames = audio.channels[0]?.length ?? 0;
  if (audio.channels.length === 0 || frames === 0) throw inputError(`${name} holds no audio samples`);
  checkFinite(audio, name);
  return {
    name,
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    frames,
    async *blocks(blockFrames: number) {
      for (let i = 0; i < frames; i += blockFrames) yield audio.channels.map((c) => c.subarray(i, i + blockFrames));
    },
    close: async () => {},
  };
}

function checkFinite(audio: AudioData, name: string): void {
  for (const c of audio.channels) {
    for (let i = 0; i < c.length; i++) {
      if (!Number.isFinite(c[i])) throw inputError(`${name} contains a non-finite sample (NaN or infinity)`);
    }
  }
}
