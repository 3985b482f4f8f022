/**
 * Decoded audio: one `Float32Array` per channel, all of the same length, samples nominally in
 * [-1, 1] (integer formats map full scale to [-1, 1); float files are passed through unchanged and
 * may exceed it).
 */
export interface AudioData {
  sampleRate: number;
  channels: Float32Array[];
}

/** Number of frames (samples per channel); 0 for audio without channels. */
export function frameCount(audio: AudioData): number {
  return audio.channels.length > 0 ? audio.channels[0].length : 0;
}
