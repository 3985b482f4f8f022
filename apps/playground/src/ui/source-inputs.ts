import { MAGIC } from '@vrvq/bitstream';
import type { AudioSource } from '../engine/audio-prep.js';
import { PlaygroundError } from '../errors.js';
import { byId } from './dom.js';
import { MicRecorder } from './recorder.js';

export interface SourceHandlers {
  /** Audio to encode, with a display name. */
  audio(source: AudioSource, name: string): void;
  /** A .vrvq file to decode. */
  vrvq(bytes: Uint8Array, name: string): void;
  error(e: unknown): void;
}

function isVrvq(name: string, bytes: Uint8Array): boolean {
  return name.toLowerCase().endsWith('.vrvq') || (bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b));
}

/** File drop/open, bundled examples and microphone recording. */
export class SourceInputs {
  private readonly recorder = new MicRecorder();

  constructor(private readonly on: SourceHandlers) {
    const file = byId<HTMLInputElement>('file');
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void this.readFile(f);
      file.value = '';
    });
    const drop = byId('drop');
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files[0];
      if (f) void this.readFile(f);
    });
    byId('load-example').addEventListener('click', () => void this.loadExample());
    const rec = byId<HTMLButtonElement>('record');
    rec.addEventListener('click', () => void this.toggleRecording(rec));
  }

  async loadExample(url = byId<HTMLSelectElement>('example').value): Promise<void> {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new PlaygroundError('BAD_INPUT', `The example ${url} could not be loaded (HTTP ${res.status}).`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      this.on.audio({ kind: 'bytes', bytes, name: url }, url.split('/').pop() ?? url);
    } catch (e) {
      this.on.error(e);
    }
  }

  private async readFile(f: File): Promise<void> {
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (isVrvq(f.name, bytes)) this.on.vrvq(bytes, f.name);
      else this.on.audio({ kind: 'bytes', bytes, name: f.name }, f.name);
    } catch (e) {
      this.on.error(e);
    }
  }

  private async toggleRecording(button: HTMLButtonElement): Promise<void> {
    try {
      if (!this.recorder.recording) {
        await this.recorder.start();
        button.setAttribute('aria-pressed', 'true');
        button.textContent = 'Stop recording';
        return;
      }
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Record from microphone';
      const pcm = await this.recorder.stop();
      this.on.audio({ kind: 'pcm', ...pcm }, 'microphone recording');
    } catch (e) {
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Record from microphone';
      this.on.error(e);
    }
  }
}
