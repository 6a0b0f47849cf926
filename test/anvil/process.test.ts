import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import { isAlive, runOnAnvil } from './support.ts';

const HOLDER = join(import.meta.dirname, 'fixtures/hold-node.ts');

/** Runs fixtures/hold-node.ts: an owner that starts a node and ends by `mode`, or by `signal` once the node is up. */
function holdNode(mode: string, signal?: NodeJS.Signals): Promise<{ anvil: number; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, mode], { stdio: ['ignore', 'pipe', 'ignore'] });
  let anvil = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    const ready = /ready (\d+)/.exec(chunk.toString());
    if (!ready) return;
    anvil = Number(ready[1]);
    if (signal) child.kill(signal);
  });
  return new Promise((resolve) => child.on('exit', (code, sig) => resolve({ anvil, code, signal: sig })));
}

describe('the anvil process belongs to the run', () => {
  it.each([
    ['Ctrl-C (SIGINT)', 'wait', 'SIGINT'],
    ['process.exit() without close()', 'exit', undefined],
    ['an uncaught exception', 'throw', undefined],
  ] as const)('is gone when its owner ends by %s', async (_how, mode, signal) => {
    const ended = await holdNode(mode, signal);
    const orphaned = isAlive(ended.anvil);
    if (orphaned) process.kill(ended.anvil, 'SIGKILL'); // a failing guard must not leak into the machine
    expect(ended.anvil).toBeGreaterThan(0);
    expect(orphaned).toBe(false);
    if (signal) expect(ended.signal).toBe(signal);
    else expect(ended.code).toBe(mode === 'exit' ? 3 : 1);
  });

  it('is gone after a run that errors, which reports outcome error', async () => {
    let pid = 0;
    const result = await runOnAnvil(async ({ world }) => {
      pid = (world.l1 as AnvilL1).node.pid;
      throw new Error('scripted failure in the safety phase');
    });
    expect(result.outcome).toBe('error');
    expect(result.error).toBe('scripted failure in the safety phase');
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('turns a node that dies mid-run into outcome error, not a hang', async () => {
    const result = await runOnAnvil(async ({ world, instance }) => {
      await instance.workload(world);
      process.kill((world.l1 as AnvilL1).node.pid, 'SIGKILL');
      await world.mine();
    });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatch(/^anvil exited mid-run \(killed by SIGKILL\)/);
    expect(result.asExpected).toBe(false);
  });
});
