// Running external tools (apt, dpkg-deb, ffmpeg, sox, TTS engines) with low CPU priority.
import { spawn, spawnSync } from 'node:child_process';

/**
 * Runs a command and collects its output. `nice` (default true) lowers its priority so other work
 * on a shared machine is not starved. Resolves with { code, stdout (Buffer), stderr (string) };
 * never rejects on a non-zero exit (callers decide), rejects only when the command cannot start.
 */
export function run(cmd, args, { input, nice = true, timeoutMs = 10 * 60_000, env, cwd } = {}) {
  const [file, argv] = nice ? ['nice', ['-n', '10', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env, cwd });
    const out = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      if (err.length < 20_000) err += d.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.on('error', () => {});
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Like run, but throws with the tool's stderr when it fails. */
export async function runOk(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} … failed (${r.code}): ${r.stderr.trim().slice(-500)}`);
  return r;
}

/** True when an executable is on PATH. */
export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** First line of a tool's version output, for SOURCES.md. */
export function toolVersion(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return text.split('\n')[0]?.slice(0, 100) ?? '';
}

/** Runs fn over items with at most `limit` in flight, results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
