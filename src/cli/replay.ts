import { readFileSync } from 'node:fs';
import { UsageError } from '../kernel/errors.ts';
import type { Io } from './io.ts';
import { l1Option, parse } from './options.ts';
import { notYet } from './pending.ts';

/** Reads a repro file as data — never evaluated, never imported. */
export function readReproFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read repro file ${path}: no such file or not readable`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`repro file ${path} is not valid JSON (${(e as Error).message}); pass a file written by \`l2adv fuzz\``);
  }
}

export async function replayCommand(argv: readonly string[], _io: Io): Promise<number> {
  const { values, positionals } = parse(
    'replay',
    argv,
    { l1: { type: 'string' as const }, json: { type: 'boolean' as const }, report: { type: 'string' as const }, 'export-foundry': { type: 'string' as const } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('replay takes exactly one repro file: `l2adv replay FILE.json`');
  l1Option(values.l1);
  readReproFile(positionals[0]!);
  return notYet('replay', 'the property-based fuzzing issue (repro files)');
}
