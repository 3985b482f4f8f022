import { readFile } from 'node:fs/promises';
import { TrainError } from '../errors.js';
import type { TrainConfig } from './config.js';
import { TRAIN_PRESETS } from './presets.js';
import { resolveTrainConfig } from './validate-config.js';

/**
 * A config from a preset name (`tiny-cpu`, `paper-44k`) or a JSON file. A file may hold a full
 * config, or `{ "extends": "tiny-cpu", …overrides }`. `overrides` (e.g. the CLI's
 * `--data DIR` as `{ data: { train: { dir: DIR } } }`) are merged last. Validated.
 */
export async function loadTrainConfig(spec: string, overrides: unknown = {}): Promise<TrainConfig> {
  if (spec in TRAIN_PRESETS) return resolveTrainConfig(spec, overrides);
  let text: string;
  try {
    text = await readFile(spec, 'utf8');
  } catch {
    throw new TrainError(
      'bad-config',
      `'${spec}' is neither a built-in training config (${Object.keys(TRAIN_PRESETS).join(', ')}) nor a readable JSON file`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TrainError('bad-config', `training config file '${spec}' is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed === 'object' && parsed !== null && 'extends' in parsed) {
    const { extends: base, ...rest } = parsed as { extends: unknown } & Record<string, unknown>;
    if (typeof base !== 'string' || !(base in TRAIN_PRESETS)) {
      throw new TrainError('bad-config', `'extends' in '${spec}' must name a built-in config (${Object.keys(TRAIN_PRESETS).join(', ')})`);
    }
    return resolveTrainConfig(resolveTrainConfig(base, rest), overrides);
  }
  return resolveTrainConfig(parsed as TrainConfig, overrides);
}
