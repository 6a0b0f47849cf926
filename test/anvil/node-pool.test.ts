import { describe, expect, it } from 'vitest';
import { runAttacks, type AttackSelection } from '../../src/catalogue.ts';
import type { AttackResult } from '../../src/kernel/attack.ts';
import { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import { openNodePool } from '../../src/l1/backends.ts';
import { isAlive } from './support.ts';

/** Everything a result says (trace hash included) but how long it took. */
function verdicts(results: readonly AttackResult[]): unknown[] {
  return results.map(({ ms: _ms, ...rest }) => rest);
}

describe('anvil nodes shared by a list of runs', () => {
  it('give every target the result a fresh node gives it, blob batches included', async () => {
    // withheld-data posts its batches as blobs on the optimistic rollup; stale-state-close runs on channels.
    const selection: AttackSelection = { names: ['withheld-data', 'stale-state-close'], seed: 1, l1: 'anvil' };
    const fresh = await runAttacks(selection);
    const shared = await runAttacks({ ...selection, shareNodes: true });
    expect(shared.map((r) => r.outcome)).not.toContain('error');
    expect(verdicts(shared)).toEqual(verdicts(fresh));
  }, 300_000);

  it('hands a node reset to genesis to the next run, and stops it when closed', async () => {
    const pool = openNodePool();
    const first = await AnvilL1.start({ pool });
    await first.mine();
    await first.close();
    const second = await AnvilL1.start({ pool });
    expect(second.node.pid).toBe(first.node.pid);
    expect(await second.node.rpc('eth_blockNumber')).toBe('0x0');
    await second.close();
    await pool.close();
    expect(isAlive(first.node.pid)).toBe(false);
  }, 60_000);

  it('starts a fresh node for the next run when the last one died', async () => {
    const pool = openNodePool();
    try {
      const first = await AnvilL1.start({ pool });
      process.kill(first.node.pid, 'SIGKILL');
      await first.close();
      const second = await AnvilL1.start({ pool });
      expect(second.node.pid).not.toBe(first.node.pid);
      await second.close();
    } finally {
      await pool.close();
    }
  }, 60_000);
});
