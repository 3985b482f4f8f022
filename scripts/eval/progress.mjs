// Progress lines for long evaluations.

/** "1 h 02 min", "3 min 05 s", "42 s". */
export function formatDuration(seconds) {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/**
 * One line per finished clip, with an ETA from the audio seconds done so far.
 * @returns {string}
 */
export function progressLine(i, n, path, clipSeconds, clipWall, doneAudio, totalAudio, elapsed) {
  const eta = doneAudio > 0 ? (elapsed * (totalAudio - doneAudio)) / doneAudio : 0;
  return `[${i}/${n}] ${path} (${clipSeconds.toFixed(1)} s audio) in ${formatDuration(clipWall)}; elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(eta)}`;
}
