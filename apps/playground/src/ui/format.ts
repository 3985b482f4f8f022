export function kbps(x: number): string {
  return `${x.toFixed(2)} kbps`;
}

export function seconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

/** "1.23 s (6.5× real time)" for `ms` of compute on `audioSeconds` of audio. */
export function speed(ms: number, audioSeconds: number): string {
  const rt = audioSeconds / (ms / 1000);
  return `${seconds(ms / 1000)} (${rt >= 10 ? rt.toFixed(0) : rt.toFixed(2)}× real time)`;
}

/** File base name without extension. */
export function baseName(name: string): string {
  const file = name.split(/[\\/]/).pop() ?? name;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}
