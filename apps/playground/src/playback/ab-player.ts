import { PlaygroundError } from '../errors.js';

export type Side = 'a' | 'b';

interface Track {
  buffer: AudioBuffer;
  gain: GainNode | null;
  source: AudioBufferSourceNode | null;
}

/**
 * A/B playback with one shared position: both signals play at once from the same offset through
 * their own gain, and switching sides only swaps the gains, so A and B stay sample-synchronous.
 * Changing a signal while playing restarts both at the current position.
 */
export class AbPlayer {
  private ctx: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private readonly tracks: Partial<Record<Side, Track>> = {};
  private side: Side = 'b';
  /** The side last chosen by the listener (B, the decoded signal, until they choose). */
  private preferred: Side = 'b';
  private playing = false;
  /** Context time at which `offset` was playing. */
  private startedAt = 0;
  private offset = 0;
  private scratch: Float32Array<ArrayBuffer> | null = null;
  /** Called when playback starts, pauses or reaches the end. */
  onStateChange: (playing: boolean) => void = () => {};

  get isPlaying(): boolean {
    return this.playing;
  }

  get selected(): Side {
    return this.side;
  }

  /** Longest loaded track in seconds. */
  get duration(): number {
    return Math.max(0, ...Object.values(this.tracks).map((t) => t!.buffer.duration));
  }

  has(side: Side): boolean {
    return this.tracks[side] !== undefined;
  }

  /** Current position in seconds. */
  position(): number {
    if (!this.playing || !this.ctx) return this.offset;
    return Math.min(this.duration, this.offset + Math.max(0, this.ctx.currentTime - this.startedAt));
  }

  /** Loads (or clears, with null) one side: one Float32Array per channel at `sampleRate`. */
  setSignal(side: Side, channels: Float32Array[] | null, sampleRate = 48000): void {
    const pos = this.position();
    const wasPlaying = this.playing;
    if (wasPlaying) this.stopSources();
    if (!channels || channels[0].length === 0) delete this.tracks[side];
    else {
      const buffer = new AudioBuffer({ length: channels[0].length, numberOfChannels: channels.length, sampleRate });
      channels.forEach((c, i) => {
        buffer.copyToChannel(c as Float32Array<ArrayBuffer>, i);
      });
      this.tracks[side] = { buffer, gain: null, source: null };
    }
    this.side = this.has(this.preferred) ? this.preferred : this.has('a') ? 'a' : 'b';
    this.offset = Math.min(pos, this.duration);
    if (wasPlaying && this.duration > 0) this.startSources();
    else if (wasPlaying) this.setPlaying(false);
  }

  select(side: Side): void {
    if (!this.has(side)) return;
    this.side = side;
    this.preferred = side;
    for (const s of ['a', 'b'] as const) {
      const g = this.tracks[s]?.gain;
      if (g && this.ctx) g.gain.setValueAtTime(s === side ? 1 : 0, this.ctx.currentTime);
    }
  }

  async play(): Promise<void> {
    if (this.playing || this.duration === 0) return;
    const ctx = this.context();
    if (ctx.state === 'suspended') await ctx.resume();
    if (this.offset >= this.duration - 1e-3) this.offset = 0;
    this.startSources();
  }

  pause(): void {
    if (!this.playing) return;
    this.offset = this.position();
    this.stopSources();
    this.setPlaying(false);
  }

  toggle(): Promise<void> {
    if (this.playing) {
      this.pause();
      return Promise.resolve();
    }
    return this.play();
  }

  seek(seconds: number): void {
    const t = Math.min(Math.max(0, seconds), this.duration);
    if (this.playing) {
      this.stopSources();
      this.offset = t;
      this.startSources();
    } else this.offset = t;
  }

  /** RMS level of what is heard now, in dBFS (−Infinity when silent or stopped). */
  level(): number {
    if (!this.analyser || !this.playing) return Number.NEGATIVE_INFINITY;
    const n = this.analyser.fftSize;
    if (!this.scratch || this.scratch.length !== n) this.scratch = new Float32Array(n);
    this.analyser.getFloatTimeDomainData(this.scratch);
    let e = 0;
    for (const v of this.scratch) e += v * v;
    return 10 * Math.log10(e / n + 1e-20);
  }

  private context(): AudioContext {
    if (!this.ctx) {
      if (typeof AudioContext === 'undefined') throw new PlaygroundError('UNSUPPORTED', 'This browser has no Web Audio.');
      this.ctx = new AudioContext();
      this.analyser = this.ctx.createAnalyser();
      this.analyser.fftSize = 2048;
      this.analyser.connect(this.ctx.destination);
    }
    return this.ctx;
  }

  private startSources(): void {
    const ctx = this.context();
    const when = ctx.currentTime + 0.03;
    for (const side of ['a', 'b'] as const) {
      const t = this.tracks[side];
      if (!t) continue;
      t.gain = ctx.createGain();
      t.gain.gain.value = side === this.side ? 1 : 0;
      t.gain.connect(this.analyser!);
      t.source = ctx.createBufferSource();
      t.source.buffer = t.buffer;
      t.source.connect(t.gain);
      if (this.offset < t.buffer.duration) t.source.start(when, this.offset);
      if (side === this.longest()) {
        t.source.onended = () => {
          if (this.playing && t.source?.onended) {
            this.offset = this.duration;
            this.stopSources();
            this.setPlaying(false);
          }
        };
      }
    }
    this.startedAt = when;
    this.setPlaying(true);
  }

  private stopSources(): void {
    for (const t of Object.values(this.tracks)) {
      if (!t?.source) continue;
      t.source.onended = null;
      try {
        t.source.stop();
      } catch {
        // never started (offset past its end)
      }
      t.source.disconnect();
      t.gain?.disconnect();
      t.source = null;
      t.gain = null;
    }
  }

  private longest(): Side {
    const a = this.tracks.a?.buffer.duration ?? -1;
    const b = this.tracks.b?.buffer.duration ?? -1;
    return a > b ? 'a' : 'b';
  }

  private setPlaying(p: boolean): void {
    this.playing = p;
    this.onStateChange(p);
  }
}
