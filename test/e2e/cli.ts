import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `l2adv` as a user would: a separate node process, no TTY. */
export function l2adv(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
