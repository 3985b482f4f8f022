import { PRESETS, flopsPerSecond, frameRate, hopLength, VrvqCodec } from '@vrvq/core';
import { constantRateKbps } from '@vrvq/rvq';
import type { OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';
import { findModelFile } from '../model.js';

export const presetsOptions: OptionSpec = {};

export const presetsHelp = `vrvq presets [--json]

Lists every model preset: parameters, sample rate, hop, frame rate, codebooks, maximum bitrate,
compute (GFLOP per second of audio, encode + decode), and whether trained weights are installed.`;

export async function runPresets(ctx: CommandContext): Promise<number> {
  await ctx.backend();
  const rows = Object.values(PRESETS).map((p) => {
    const codec = new VrvqCodec(p);
    const params = codec.numParameters();
    codec.dispose();
    const hop = hopLength(p);
    return {
      name: p.name,
      description: p.description ?? '',
      parameters: params,
      sampleRate: p.sampleRate,
      hop,
      frameRate: frameRate(p),
      nCodebooks: p.nCodebooks,
      codebookSize: p.codebookSize,
      vbr: p.importanceChannels !== null,
      maxKbps: constantRateKbps(p.nCodebooks, { nCodebooks: p.nCodebooks, codebookSize: p.codebookSize, sampleRate: p.sampleRate, hop }),
      gflopsPerSecond: flopsPerSecond(p).total / 1e9,
      weights: findModelFile(p.name),
      preset: p,
    };
  });
  if (ctx.json) {
    ctx.outJson(rows);
    return 0;
  }
  const head = ['name', 'params', 'rate', 'hop', 'frames/s', 'Nq', 'max kbps', 'GFLOP/s audio', 'VBR', 'weights'];
  const table = rows.map((r) => [
    r.name,
    r.parameters.toLocaleString('en-US'),
    `${r.sampleRate}`,
    `${r.hop}`,
    r.frameRate.toFixed(2),
    `${r.nCodebooks}`,
    r.maxKbps.toFixed(2),
    r.gflopsPerSecond.toFixed(2),
    r.vbr ? 'yes' : 'no',
    r.weights ? 'trained' : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  ctx.out([fmt(head), ...table.map(fmt)].join('\n'));
  return 0;
}
