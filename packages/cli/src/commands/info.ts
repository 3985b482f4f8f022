import { stat } from 'node:fs/promises';
import { type StreamHeader, TLV_TAGS, VrvqReader } from '@vrvq/bitstream';
import { clipBits } from '@vrvq/rvq';
import type { OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { fileChunks } from '../io/file-chunks.js';

export const infoOptions: OptionSpec = {};

export const infoHelp = `vrvq info FILE.vrvq [--json]

Shows a .vrvq file's header (model, rates, mode), duration, bitrate split into payload, side
information and framing, and the average number of codebooks used in every second.

Example:
  vrvq info speech.vrvq --json`;

export async function runInfo(ctx: CommandContext): Promise<number> {
  const [path, ...rest] = ctx.args.positionals;
  if (!path) throw usageError('info needs a .vrvq file');
  if (rest.length) throw usageError(`unexpected argument '${rest[0]}'`);
  const size = path === '-' ? null : (await stat(path)).size;
  const reader = new VrvqReader();
  let header: StreamHeader | null = null;
  const counts: number[][] = [];
  let chunks = 0;
  let entropyChunks = 0;
  let bytes = 0;
  let originalLength: number | null = null;
  let ended = false;
  for await (const piece of fileChunks(path)) {
    bytes += piece.length;
    for (const ev of reader.push(piece)) {
      if (ev.type === 'header') {
        header = ev.header;
        originalLength = header.originalLength;
        for (let c = 0; c < header.channels; c++) counts.push([]);
      } else if (ev.type === 'chunk') {
        chunks++;
        if (ev.chunk.coding === 'entropy') entropyChunks++;
        ev.chunk.channels.forEach((ch, c) => {
          for (const n of ch.counts) counts[c].push(n);
        });
      } else {
        ended = true;
        originalLength = ev.originalLength ?? originalLength;
      }
    }
  }
  reader.end();
  if (!header) throw inputError(`${path} is not a .vrvq file`);
  if (!ended) throw inputError(`${path} is truncated (no end marker)`);
  const h: StreamHeader = header;
  const frames = counts[0]?.length ?? 0;
  const frameRate = h.sampleRate / h.hop;
  const duration = originalLength !== null ? originalLength / h.originalSampleRate : frames / frameRate;
  const mode = h.rate.mode;
  const bits = counts.map((c) => clipBits(c, { nCodebooks: h.nq, codebookSize: h.codebookSize }, mode));
  const payload = bits.reduce((a, b) => a + b.payload, 0);
  const side = bits.reduce((a, b) => a + b.sideInfo, 0);
  const kbps = (b: number) => (duration > 0 ? b / duration / 1000 : 0);
  const perSecond: number[] = [];
  for (let s = 0; s * frameRate < frames; s++) {
    const a = Math.floor(s * frameRate);
    const b = Math.min(frames, Math.floor((s + 1) * frameRate));
    let sum = 0;
    for (const c of counts) for (let t = a; t < b; t++) sum += c[t];
    perSecond.push(b > a ? sum / ((b - a) * counts.length) : 0);
  }
  const encoder = h.metadata.find((m) => m.tag === TLV_TAGS.encoder);
  const info = {
    file: path,
    bytes: size ?? bytes,
    version: `${h.version.major}.${h.version.minor}`,
    model: h.modelName,
    weightsHash: Array.from(h.weightsHash, (b) => b.toString(16).padStart(2, '0')).join(''),
    sampleRate: h.sampleRate,
    hop: h.hop,
    frameRate,
    nq: h.nq,
    codebookSize: h.codebookSize,
    channels: h.channels,
    originalSampleRate: h.originalSampleRate,
    originalLength,
    duration,
    rate: h.rate,
    coding: { allowed: h.coding, chunks, entropyChunks },
    inputGainDb: h.inputGainDb,
    encoder: encoder ? new TextDecoder().decode(encoder.value) : null,
    frames,
    meanCodebooks: frames ? counts.flat().reduce((a, b) => a + b, 0) / (frames * counts.length) : 0,
    kbps: {
      total: kbps((size ?? bytes) * 8),
      payload: kbps(payload),
      sideInfo: kbps(side),
      framing: kbps((size ?? bytes) * 8 - payload - side),
    },
    codebooksPerSecond: perSecond.map((x) => Number(x.toFixed(3))),
  };
  if (ctx.json) {
    ctx.outJson(info);
    return 0;
  }
  const modeText = h.rate.mode === 'vbr' ? `VBR, level ℓ = ${h.rate.level}` : `CBR, ${h.rate.n} codebooks`;
  ctx.out(
    [
      `${path}: vrvq format ${info.version}, ${info.bytes} bytes`,
      `  model        ${info.model} (weights ${info.weightsHash.slice(0, 16)}…)`,
      `  audio        ${info.channels} channel(s), ${h.originalSampleRate} Hz, ${duration.toFixed(3)} s (${originalLength ?? '?'} samples)`,
      `  codec        ${h.sampleRate} Hz, hop ${h.hop} (${frameRate.toFixed(2)} frames/s), ${h.nq} codebooks × ${h.codebookSize}`,
      `  mode         ${modeText}; coding ${h.coding} (${entropyChunks}/${chunks} chunks range-coded)`,
      `  bitrate      ${info.kbps.total.toFixed(3)} kbps = payload ${info.kbps.payload.toFixed(3)} + side info ${info.kbps.sideInfo.toFixed(3)} + framing ${info.kbps.framing.toFixed(3)}`,
      `  codebooks    ${info.meanCodebooks.toFixed(2)} per frame on average`,
      `  per second   ${info.codebooksPerSecond.map((x) => x.toFixed(1)).join(' ')}`,
      ...(info.encoder ? [`  written by   ${info.encoder}`] : []),
    ].join('\n'),
  );
  return 0;
}
