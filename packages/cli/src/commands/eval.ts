import type { OptionSpec } from '../args.js';
import type { CommandContext } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { readAllAudio } from '../io/read-all.js';
import { type Metrics, computeMetrics } from '../metrics.js';

export const evalOptions: OptionSpec = {};

export const evalHelp = `vrvq eval REF.wav DEC.wav [--json]

Compares decoded audio with its reference: mel distance (DAC's 7-scale log-mel L1; lower is
better), multi-scale STFT distance (lower is better) and SI-SDR in dB (higher is better). DEC is
resampled to REF's rate when they differ; channel counts must match.

Example:
  vrvq eval speech.wav speech.decoded.wav --json`;

export function formatMetrics(m: Metrics): string {
  return `mel distance ${m.melDistance.toFixed(3)}, STFT distance ${m.stftDistance.toFixed(3)}, SI-SDR ${m.siSdr.toFixed(2)} dB`;
}

export async function runEval(ctx: CommandContext): Promise<number> {
  const [refPath, degPath, ...rest] = ctx.args.positionals;
  if (!refPath || !degPath) throw usageError('eval needs two files: REF and DEC');
  if (rest.length) throw usageError(`unexpected argument '${rest[0]}'`);
  await ctx.backend();
  const ref = await readAllAudio(refPath);
  const deg = await readAllAudio(degPath, ref.sampleRate);
  if (ref.channels.length !== deg.channels.length) {
    throw inputError(`channel counts differ: ${refPath} has ${ref.channels.length}, ${degPath} has ${deg.channels.length}`);
  }
  const m = await computeMetrics(ref.channels, deg.channels, ref.sampleRate);
  if (ctx.json) ctx.outJson({ reference: refPath, decoded: degPath, sampleRate: ref.sampleRate, ...m });
  else ctx.out(`${degPath} vs ${refPath}: ${formatMetrics(m)}`);
  return 0;
}
