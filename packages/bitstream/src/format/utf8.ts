const encoder = new TextEncoder();

/** UTF-8 bytes of `s`; throws on lone surrogates (they would not survive a round trip). */
export function utf8Encode(s: string): Uint8Array | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return null;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return null;
    }
  }
  return encoder.encode(s);
}

/** The string of well-formed UTF-8 `bytes`, or null when they are not well-formed. */
export function utf8Decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
