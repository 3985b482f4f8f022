// Generated quiet material: silence, low-level noise, speech with long pauses, faded clips. All
// levels in dBFS relative to full scale (RMS of a full-scale sine is −3 dBFS).
import { rng as makeRng } from './rng.mjs';

const dbToGain = (db) => 10 ** (db / 20);

function rmsOf(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Noise of a colour, scaled to an RMS level. */
export function noise(n, colour, rmsDb, r, rate) {
  const x = new Float32Array(n);
  if (colour === 'white') for (let i = 0; i < n; i++) x[i] = r.normal();
  else if (colour === 'pink') {
    // Paul Kellet's economy pink filter over white noise.
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let i = 0; i < n; i++) {
      const w = r.normal();
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      x[i] = b0 + b1 + b2 + w * 0.1848;
    }
  } else if (colour === 'brown') {
    let y = 0;
    for (let i = 0; i < n; i++) {
      y = 0.998 * y + 0.05 * r.normal(); // leaky integrator: no DC drift
      x[i] = y;
    }
  } else {
    // mains hum: 50 or 60 Hz with decaying odd/even harmonics, a little noise on top
    const f0 = colour === 'hum50' ? 50 : 60;
    const phases = Array.from({ length: 8 }, () => r.uniform(0, 2 * Math.PI));
    for (let i = 0; i < n; i++) {
      let v = 0.05 * r.normal();
      for (let k = 1; k <= 8; k++) v += Math.sin((2 * Math.PI * f0 * k * i) / rate + phases[k - 1]) / k ** 1.3;
      x[i] = v;
    }
  }
  const g = dbToGain(rmsDb) / Math.max(1e-12, rmsOf(x));
  for (let i = 0; i < n; i++) x[i] *= g;
  return x;
}

/** Linear fade in and out over `fade` samples each. */
export function fade(x, fadeLen) {
  const f = Math.min(fadeLen, Math.floor(x.length / 2));
  for (let i = 0; i < f; i++) {
    x[i] *= i / f;
    x[x.length - 1 - i] *= i / f;
  }
  return x;
}

export function int16ToFloat(s) {
  const x = new Float32Array(s.length);
  for (let i = 0; i < s.length; i++) x[i] = s[i] / 32768;
  return x;
}

/** One silence file: digital zeros or ±1 LSB triangular dither. */
export function silenceClip(seed, rate) {
  const r = makeRng(seed);
  const n = Math.round(r.uniform(3, 30) * rate);
  const x = new Float32Array(n);
  const dither = r.next() < 0.5;
  if (dither) for (let i = 0; i < n; i++) x[i] = (r.next() - r.next()) / 32768;
  return { x, detail: dither ? 'TPDF dither ±1 LSB' : 'digital silence' };
}

/** One low-level noise file. */
export function noiseClip(seed, rate) {
  const r = makeRng(seed);
  const n = Math.round(r.uniform(5, 30) * rate);
  const colour = r.pick(['white', 'pink', 'brown', 'pink', 'brown', 'hum50', 'hum60']);
  const level = r.uniform(-60, -40);
  const x = fade(noise(n, colour, level, r, rate), Math.round(0.05 * rate));
  return { x, detail: `${colour} noise, ${level.toFixed(1)} dBFS RMS` };
}

/** A clip faded to a peak of −50…−30 dBFS. */
export function attenuate(samples, seed, rate) {
  const r = makeRng(seed);
  const x = int16ToFloat(samples);
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const target = r.uniform(-50, -30);
  const g = dbToGain(target) / Math.max(peak, 1e-9);
  for (let i = 0; i < x.length; i++) x[i] *= g;
  return { x: fade(x, Math.round(0.3 * rate)), detail: `peak ${target.toFixed(1)} dBFS` };
}

/**
 * Speech with long pauses: utterances (Int16 arrays) separated by 1.5–6 s gaps, starting after
 * 0.5–3 s, each utterance 0…−12 dB; the gaps are digital silence or a noise floor at −75…−55 dBFS.
 * Stops before 30 s. Returns { x, used } with the number of utterances used.
 */
export function pausedSpeech(utterances, seed, rate) {
  const r = makeRng(seed);
  const maxLen = 30 * rate;
  const parts = [];
  let len = 0;
  const gap = (lo, hi) => {
    const n = Math.round(r.uniform(lo, hi) * rate);
    parts.push(new Float32Array(n));
    len += n;
  };
  gap(0.5, 3);
  let used = 0;
  for (const u of utterances) {
    if (len + u.length > maxLen) break;
    const g = dbToGain(-r.uniform(0, 12));
    const x = int16ToFloat(u);
    for (let i = 0; i < x.length; i++) x[i] *= g;
    parts.push(x);
    len += x.length;
    used += 1;
    if (len > maxLen - 1.5 * rate) break;
    gap(1.5, Math.min(6, (maxLen - len) / rate));
  }
  const out = new Float32Array(Math.min(len, maxLen));
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, out.length - at);
    out.set(p.subarray(0, take), at);
    at += take;
  }
  let floor = 'silent gaps';
  if (r.next() < 0.5) {
    const level = r.uniform(-75, -55);
    const nz = noise(out.length, r.pick(['white', 'pink', 'brown']), level, r, rate);
    for (let i = 0; i < out.length; i++) out[i] += nz[i];
    floor = `noise floor ${level.toFixed(1)} dBFS`;
  }
  return { x: out, used, detail: floor };
}
