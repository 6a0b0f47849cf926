import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../kernel/errors.ts';
import type { L1Backend } from '../kernel/config.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithDebug<O extends Options> = { args: string[]; options: O & { debug: { type: 'boolean' } }; allowPositionals: boolean; strict: true };

/** node:util parseArgs (every command also takes --debug), its errors turned into one-line usage errors. */
export function parse<O extends Options>(command: string, argv: readonly string[], options: O, positionals = false) {
  const config: WithDebug<O> = { args: [...argv], options: { ...options, debug: { type: 'boolean' } }, allowPositionals: positionals, strict: true };
  try {
    return parseArgs<WithDebug<O>>(config);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option').replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${command}: ${message}; see \`l2adv ${command} --help\``);
  }
}

export function seedOption(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--seed must be a non-negative integer, got "${value}"`);
  }
  return Number(value);
}

export function l1Option(value: string | undefined): L1Backend {
  if (value === undefined || value === 'memory') return 'memory';
  if (value === 'anvil') return 'anvil';
  throw new UsageError(`--l1 must be memory or anvil, got "${value}"`);
}

export function oneOf<T extends string>(flag: string, value: string | undefined, valid: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!valid.includes(value as T)) throw new UsageError(`${flag} must be one of ${valid.join(', ')}, got "${value}"`);
  return value as T;
}

/** `--report FILE.html`: checked before anything runs, so a typo never costs a whole campaign. */
export function reportOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/\.html?$/i.test(value)) throw new UsageError(`--report writes an HTML file: pass a name ending in .html, got "${value}"`);
  return value;
}
