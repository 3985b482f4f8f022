import { usageError } from '../errors.js';
import type { VrvqCodec } from '@vrvq/core';

/** How the encoder picks the number of codebooks per frame. */
export type RateChoice = { kind: 'level'; level: number } | { kind: 'cbr'; n: number } | { kind: 'kbps'; kbps: number };

/** Validates --level / --cbr / --kbps (at most one) against the model; default VBR ℓ = 1 (CBR N_q without a subnet). */
export function chooseRate(codec: VrvqCodec, opts: { level?: string; cbr?: string; kbps?: string }): RateChoice {
  const given = (['level', 'cbr', 'kbps'] as const).filter((k) => opts[k] !== undefined);
  if (given.length > 1) throw usageError(`use only one of --level, --cbr and --kbps (got ${given.map((g) => `--${g}`).join(' and ')})`);
  const nq = codec.preset.nCodebooks;
  const num = (flag: string, v: string) => {
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x)) throw usageError(`--${flag} needs a number, got '${v}'`);
    return x;
  };
  if (opts.cbr !== undefined) {
    const n = num('cbr', opts.cbr);
    if (!Number.isInteger(n) || n < 1 || n > nq) throw usageError(`--cbr must be a whole number of codebooks from 1 to ${nq}`);
    return { kind: 'cbr', n };
  }
  if ((opts.level !== undefined || opts.kbps !== undefined) && !codec.supportsVbr) {
    throw usageError(`model '${codec.preset.name}' has no importance subnet: use --cbr N (1…${nq})`);
  }
  if (opts.level !== undefined) {
    const level = num('level', opts.level);
    if (level < 0 || level > 1000) throw usageError('--level must be between 0 and 1000');
    return { kind: 'level', level };
  }
  if (opts.kbps !== undefined) {
    const kbps = num('kbps', opts.kbps);
    if (kbps <= 0) throw usageError('--kbps must be positive');
    return { kind: 'kbps', kbps };
  }
  return codec.supportsVbr ? { kind: 'level', level: 1 } : { kind: 'cbr', n: nq };
}
