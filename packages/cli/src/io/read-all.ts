import { resample } from '@vrvq/audio';
import { openAudioInput } from './audio-input.js';

/** Reads a whole audio file into memory: one Float32Array per channel, optionally resampled. */
export async function readAllAudio(path: string, toRate?: number): Promise<{ sampleRate: number; channels: Float32Array[] }> {
  const input = await openAudioInput(path);
  try {
    const channels = Array.from({ length: input.channels }, () => new Float32Array(input.frames));
    let o = 0;
    for await (const block of input.blocks(1 << 16)) {
      for (const [c, b] of block.entries()) channels[c].set(b, o);
      o += block[0].length;
    }
    const trimmed = channels.map((c) => c.subarray(0, o));
    if (toRate && toRate !== input.sampleRate) {
      return { sampleRate: toRate, channels: trimmed.map((c) => resample(c, input.sampleRate, toRate)) };
    }
    return { sampleRate: input.sampleRate, channels: trimmed };
  } finally {
    await input.close();
  }
}
