import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/kernel/world.ts';
import { eth } from '../../../../src/l1/units.ts';
import { fundUsers, rollupRig, untilPostedAndFinal, user } from './rig.ts';

function proposalsBy(world: World, actor: string): number {
  return world.trace.events.filter((e) => e.kind === 'tx' && e.actor === actor && (e.data as { method?: string }).method === 'propose').length;
}

describe('a user proposing its own root', () => {
  it('does not resend a proposal L1 refused, nor send one it cannot bond: found by the fuzzer as a user resending every block, forever', async () => {
    const rig = await rollupRig();
    await fundUsers(rig, 5);
    const alice = user(rig, 0);
    await alice.withdraw(rig.world, eth(1));
    await untilPostedAndFinal(rig);
    rig.world.removeRole('operator');
    // Nobody else covers her withdrawal with a root: after her patience window she proposes one.
    while (proposalsBy(rig.world, 'alice') === 0) await rig.world.advance(1);
    // Her L1 ether is gone before the proposal lands (the fuzzer's case: a reorg undid her funding): L1 refuses it.
    await rig.l1.fund(alice.address, -(await rig.l1.balanceOf(alice.address)));
    await rig.world.advance(1);
    expect(rig.world.trace.events.some((e) => e.kind === 'block' && /propose ✗ insufficient balance/.test(e.summary))).toBe(true);
    await rig.world.advance(20 * rig.rollup.params.userPatienceBlocks);
    expect(proposalsBy(rig.world, 'alice')).toBe(1);
  });

  it('sends no proposal while it cannot pay the bond, burning no L1 blocks, and proposes once it can', async () => {
    const rig = await rollupRig();
    await fundUsers(rig, 5);
    const alice = user(rig, 0);
    await alice.withdraw(rig.world, eth(1));
    await untilPostedAndFinal(rig);
    rig.world.removeRole('operator');
    await rig.l1.fund(alice.address, -(await rig.l1.balanceOf(alice.address)));
    const before = rig.world.trace.length;
    const patience = rig.rollup.params.userPatienceBlocks;
    await rig.world.advance(20 * patience);
    expect(proposalsBy(rig.world, 'alice')).toBe(0);
    // No transaction at all; the only blocks mined are her wake-ups, a few per patience window, not one per block.
    const since = rig.world.trace.events.slice(before);
    expect(since.filter((e) => e.kind === 'tx')).toHaveLength(0);
    expect(since.filter((e) => e.kind === 'block').length).toBeLessThan(4 * 20);
    expect(await alice.unpaidWithdrawals()).toHaveLength(1);
    await rig.l1.fund(alice.address, eth(10));
    await rig.world.advance(2 * patience + 8);
    expect(proposalsBy(rig.world, 'alice')).toBe(1);
    await rig.world.advance(rig.rollup.params.challengeWindowBlocks + 2 * patience + 8);
    expect(await alice.unpaidWithdrawals()).toHaveLength(0);
  });
});
