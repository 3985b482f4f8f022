import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  json: { type: 'boolean' },
  backend: { type: 'string' },
};

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses a command's arguments; unknown options and missing values become usage errors. */
export function parseCommandArgs(argv: string[], spec: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...spec },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    throw usageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export const str = (v: Parsed['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);
export const flag = (v: Parsed['values'][string]): boolean => v === true;
