import { type OptionSpec, parseCommandArgs } from './args.js';
import { runTrain, trainHelp, trainOptions } from './commands/train.js';
import { benchHelp, benchOptions, runBench } from './commands/bench.js';
import { decodeHelp, decodeOptions, runDecode } from './commands/decode.js';
import { encodeHelp, encodeOptions, runEncode } from './commands/encode.js';
import { evalHelp, evalOptions, runEval } from './commands/eval.js';
import { infoHelp, infoOptions, runInfo } from './commands/info.js';
import { presetsHelp, presetsOptions, runPresets } from './commands/presets.js';
import { roundtripHelp, roundtripOptions, runRoundtrip } from './commands/roundtrip.js';
import { CLI_VERSION } from './codec/encode.js';
import { CommandContext } from './context.js';
import { EXIT, describeError, usageError } from './errors.js';
import { AtomicFile } from './io/atomic-file.js';
import { InferencePool } from './parallel/pool.js';

interface Command {
  summary: string;
  help: string;
  options: OptionSpec;
  run: (ctx: CommandContext) => Promise<number>;
  /** The command installs its own SIGINT/SIGTERM handling (training checkpoints before exiting). */
  ownSignals?: boolean;
}

export const COMMANDS: Record<string, Command> = {
  encode: { summary: 'encode audio to .vrvq', help: encodeHelp, options: encodeOptions, run: runEncode },
  decode: { summary: 'decode .vrvq to WAV', help: decodeHelp, options: decodeOptions, run: runDecode },
  info: { summary: 'show what a .vrvq file holds', help: infoHelp, options: infoOptions, run: runInfo },
  eval: { summary: 'compare decoded audio with its reference', help: evalHelp, options: evalOptions, run: runEval },
  roundtrip: { summary: 'encode + decode in memory, report bitrate and quality', help: roundtripHelp, options: roundtripOptions, run: runRoundtrip },
  presets: { summary: 'list model presets', help: presetsHelp, options: presetsOptions, run: runPresets },
  train: { summary: 'train a codec (resumable runs)', help: trainHelp, options: trainOptions, run: runTrain, ownSignals: true },
  bench: { summary: 'measure encode/decode speed and memory', help: benchHelp, options: benchOptions, run: runBench },
};

const GLOBAL_HELP = `Options for every command:
  -q, --quiet          no progress bars or notes on stderr
      --json           machine-readable output on stdout
      --backend NAME   tfjs backend: wasm (default in Node), cpu, webgpu, or a registered one
      --debug          show stack traces on errors
  -h, --help           help for the command`;

export function usage(): string {
  const names = Object.keys(COMMANDS);
  const w = Math.max(...names.map((n) => n.length));
  return `vrvq ${CLI_VERSION} — variable-bitrate neural audio codec (VRVQ on a DAC backbone)

Usage: vrvq <command> [options]

Commands:
${names.map((n) => `  ${n.padEnd(w)}  ${COMMANDS[n].summary}`).join('\n')}

Run 'vrvq <command> --help' for a command's options and examples.

${GLOBAL_HELP}

Exit codes: 0 ok, 1 failure, 2 bad command line, 3 unusable input, 4 output not writable.`;
}

/** Runs the CLI; returns the exit code. Errors print one line on stderr (a stack with --debug). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  let interrupted = false;
  const onSignal = () => {
    interrupted = true; // work that fails from here on (e.g. on the closed worker threads) is not an error to report
    void Promise.allSettled([InferencePool.closeAll(), AtomicFile.abortAll()]).finally(() => process.exit(EXIT.interrupted));
  };
  const handle = !(name && COMMANDS[name]?.ownSignals);
  if (handle) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(`${usage()}\n`);
      return name ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${CLI_VERSION}\n`);
      return EXIT.ok;
    }
    const cmd = COMMANDS[name];
    if (!cmd) throw usageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    const args = parseCommandArgs(rest, cmd.options);
    if (args.values.help) {
      process.stdout.write(`${cmd.help}\n\n${GLOBAL_HELP}\n`);
      return EXIT.ok;
    }
    return await cmd.run(new CommandContext(args));
  } catch (e) {
    await AtomicFile.abortAll();
    if (interrupted) return EXIT.interrupted;
    const { message, exitCode } = describeError(e);
    process.stderr.write(`vrvq: ${message}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return exitCode;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
