import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anvilsTagged, isAlive } from './support.ts';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `l2adv` with a tag in its environment (its anvil nodes inherit it) and, once the
 * first of its nodes has lived `afterMs`, hands that node's pid and the CLI process to `act`.
 */
function runWhile(args: readonly string[], tag: string, afterMs: number, act: (node: number, cli: ReturnType<typeof spawn>) => void): Promise<Ended> {
  const cli = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', L2ADV_TEST_TAG: tag }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  cli.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let acted = false;
  const firstSeen = new Map<number, number>();
  const poll = setInterval(() => {
    if (acted) return;
    const now = Date.now();
    for (const pid of anvilsTagged(tag)) {
      if (!firstSeen.has(pid)) firstSeen.set(pid, now);
      if (now - firstSeen.get(pid)! >= afterMs) {
        acted = true;
        act(pid, cli);
        return;
      }
    }
  }, 10);
  return new Promise((resolve) =>
    cli.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

describe('the CLI owns its anvil nodes', () => {
  it('marks the result whose node is killed mid-run as error, and the campaign goes on with fresh nodes', async () => {
    const tag = `crash-${process.pid}`;
    let killed = 0;
    const ended = await runWhile(['attack', 'stale-state-close', 'offline-victim-close', '--l1', 'anvil', '--json'], tag, 150, (node) => {
      killed = node;
      process.kill(node, 'SIGKILL');
    });
    const json = JSON.parse(ended.stdout) as { results: Array<{ outcome: string; error?: string; asExpected: boolean }>; summary: { total: number; unexpected: number } };
    const errored = json.results.filter((r) => r.outcome === 'error');
    expect(killed).toBeGreaterThan(0);
    expect(errored).toHaveLength(1);
    expect(errored[0]!.error).toMatch(/^anvil exited (mid-run|at startup) \(killed by SIGKILL\)/);
    expect(json.summary).toMatchObject({ total: 5, unexpected: 1 });
    expect(json.results.filter((r) => r.outcome !== 'error').every((r) => r.asExpected)).toBe(true);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toBe('');
    expect(anvilsTagged(tag)).toEqual([]);
  });

  it('takes its node down when the user presses Ctrl-C (SIGINT)', async () => {
    const tag = `sigint-${process.pid}`;
    let node = 0;
    const ended = await runWhile(['attack', 'stale-state-close', '--l1', 'anvil'], tag, 50, (pid, cli) => {
      node = pid;
      cli.kill('SIGINT');
    });
    const orphaned = isAlive(node);
    if (orphaned) process.kill(node, 'SIGKILL'); // a failing guard must not leak into the machine
    expect(node).toBeGreaterThan(0);
    expect(orphaned).toBe(false);
    expect(ended.signal).toBe('SIGINT');
    expect(anvilsTagged(tag)).toEqual([]);
  });
});
