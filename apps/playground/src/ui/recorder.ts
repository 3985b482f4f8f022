import { PlaygroundError } from '../errors.js';

/** Microphone capture: MediaRecorder while recording, decoded to PCM by Web Audio when stopped. */
export class MicRecorder {
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];
  private stream: MediaStream | null = null;

  get recording(): boolean {
    return this.recorder !== null;
  }

  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      throw new PlaygroundError('UNSUPPORTED', 'Recording needs a browser with microphone access and MediaRecorder (and a secure context: https or localhost).');
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch (e) {
      throw new PlaygroundError('UNSUPPORTED', `The microphone is not available: ${(e as Error).message}`);
    }
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream);
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    this.recorder.start();
  }

  /** Stops and returns the recording as PCM channels. */
  async stop(): Promise<{ sampleRate: number; channels: Float32Array[] }> {
    const rec = this.recorder;
    if (!rec) throw new PlaygroundError('BAD_INPUT', 'Not recording.');
    const stopped = new Promise<void>((resolve) => {
      rec.onstop = () => resolve();
    });
    rec.stop();
    await stopped;
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.recorder = null;
    this.stream = null;
    const blob = new Blob(this.chunks, { type: rec.mimeType });
    const ctx = new AudioContext();
    try {
      const audio = await ctx.decodeAudioData(await blob.arrayBuffer());
      const channels = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c).slice());
      if (channels[0].length === 0) throw new PlaygroundError('BAD_INPUT', 'The recording is empty.');
      return { sampleRate: audio.sampleRate, channels };
    } catch (e) {
      if (e instanceof PlaygroundError) throw e;
      throw new PlaygroundError('BAD_INPUT', `The recording could not be decoded: ${(e as Error).message}`);
    } finally {
      void ctx.close();
    }
  }
}
