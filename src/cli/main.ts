import { UsageError } from '../kernel/errors.ts';
import { attackCommand } from './attack.ts';
import { classifyCommand } from './classify.ts';
import { fuzzCommand } from './fuzz.ts';
import { USAGE } from './help.ts';
import { processIo, type Io } from './io.ts';
import { listCommand } from './list.ts';
import { replayCommand } from './replay.ts';

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = {
  list: listCommand,
  attack: attackCommand,
  fuzz: fuzzCommand,
  replay: replayCommand,
  classify: classifyCommand,
};

/** Runs one CLI invocation and returns its exit code: 0 as expected, 1 unexpected, 2 bad input. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"; valid: ${Object.keys(COMMANDS).join(', ')}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`l2adv: ${e.message}`);
      if (debug) io.err(e.stack ?? '');
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`l2adv: internal error (a bug in l2adv, please report it): ${message}${debug ? '' : '; rerun with --debug for the stack'}`);
    if (debug && e instanceof Error) io.err(e.stack ?? '');
    return 2;
  }
}
