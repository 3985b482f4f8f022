import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'packages', 'cli', 'dist', 'bin.js');

/** Runs the `vrvq` CLI (built) with its default model search (no $VRVQ_MODELS_DIR). */
export function vrvq(args: string[]): { status: number; stdout: string; stderr: string } {
  if (!existsSync(BIN)) throw new Error(`the CLI is not built (${BIN}): run pnpm --filter @vrvq/cli build`);
  const env = { ...process.env };
  delete env.VRVQ_MODELS_DIR;
  const r = spawnSync(process.execPath, [BIN, ...args, '--quiet'], { cwd: REPO, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
