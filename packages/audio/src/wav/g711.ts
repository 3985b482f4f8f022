/** G.711 expansion tables (ITU-T G.711), 256 entries each, scaled so full scale is 32768 → 1. */
function buildMulaw(): Float32Array {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const u = ~i & 0xff;
    const exponent = (u >> 4) & 0x07;
    const mantissa = u & 0x0f;
    const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84; // 0 … 32124
    t[i] = ((u & 0x80) !== 0 ? -magnitude : magnitude) / 32768;
  }
  return t;
}

function buildAlaw(): Float32Array {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const a = i ^ 0x55;
    const exponent = (a >> 4) & 0x07;
    const mantissa = a & 0x0f;
    const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1); // 8 … 32256
    t[i] = ((a & 0x80) !== 0 ? magnitude : -magnitude) / 32768;
  }
  return t;
}

let mulaw: Float32Array | undefined;
let alaw: Float32Array | undefined;

export function mulawTable(): Float32Array {
  mulaw ??= buildMulaw();
  return mulaw;
}

export function alawTable(): Float32Array {
  alaw ??= buildAlaw();
  return alaw;
}
