import { describe, expect, it } from 'vitest';
import { capabilities } from '../../../../src/adversary/index.ts';
import { playSchedule } from '../../../../src/fuzz/play.ts';
import type { Move } from '../../../../src/fuzz/moves.ts';
import { recoveryPhase } from '../../../../src/kernel/run.ts';
import { zkRig } from './rig.ts';

describe('escape client under L1 reorgs', () => {
  // Found by `l2adv fuzz --protocol validium --seed 2` (the same client serves zk and validium): a reorg moved alice's
  // freeze before its deadline and her reclaim before the freeze, both reverted, and she never sent them again.
  it('sends a freeze or reclaim again when a reorg made it revert, and the user still gets her deposit back', async () => {
    const { world, zk } = await zkRig('secure', { forcedRequestDeadlineBlocks: 5_760 });
    const moves: Move[] = [
      { kind: 'adversary', name: 'operator-halt', args: {} },
      { kind: 'honest', name: 'exit', args: { user: 0 } },
      { kind: 'honest', name: 'deposit', args: { user: 0, eth: 1 } },
      { kind: 'deadline', offset: -2, window: 0 },
      { kind: 'advance', blocks: 8 },
      { kind: 'adversary', name: 'reorg-l1', args: { depth: 8 } },
    ];
    await playSchedule({ world, instance: zk, protocol: 'zk', variant: 'secure', params: {} }, moves, new Map(capabilities.map((c) => [c.name, c as never])));
    await recoveryPhase(world, (w) => zk.recover(w));
    expect(world.violations).toEqual([]);
    expect(world.trace.events.filter((e) => /reclaims its deposit #1 \(1 ETH\)/.test(e.summary)).length).toBe(2);
  });
});
