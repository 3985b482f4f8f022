/**
 * Playback length in samples at 48 kHz of a single-stream Ogg Opus file, from the granule position
 * of its last page minus the pre-skip in the OpusHead (RFC 7845 §4); undefined when the file is
 * chained (several OpusHead packets) or the values cannot be found.
 *
 * ogg-opus-decoder 1.7 removes the pre-skip at the start but trims the end to the granule position
 * alone, which leaves pre-skip samples too many at the end; this gives the length to cut back to.
 */
export function oggOpusPlaybackSamples(b: Uint8Array): number | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const isPage = (at: number) => b[at] === 0x4f && b[at + 1] === 0x67 && b[at + 2] === 0x67 && b[at + 3] === 0x53;
  let preSkip: number | undefined;
  let heads = 0;
  let lastGranule: number | undefined;
  let at = 0;
  while (at + 27 <= b.length && isPage(at)) {
    const segments = b[at + 26];
    if (at + 27 + segments > b.length) return undefined;
    let bodyLength = 0;
    for (let i = 0; i < segments; i++) bodyLength += b[at + 27 + i];
    const body = at + 27 + segments;
    if (body + 19 <= b.length && String.fromCharCode(...b.subarray(body, body + 8)) === 'OpusHead') {
      heads += 1;
      preSkip = view.getUint16(body + 10, true);
    }
    const lo = view.getUint32(at + 6, true);
    const hi = view.getInt32(at + 10, true);
    if (hi !== -1) lastGranule = hi * 2 ** 32 + lo; // −1 marks "no packet ends on this page"
    at = body + bodyLength;
  }
  if (heads !== 1 || preSkip === undefined || lastGranule === undefined) return undefined;
  const n = lastGranule - preSkip;
  return n > 0 ? n : undefined;
}
