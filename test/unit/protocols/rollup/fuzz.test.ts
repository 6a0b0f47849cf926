import { describe, expect, it } from 'vitest';
import { eth } from '../../../../src/l1/units.ts';
import { rollupFuzz } from '../../../../src/protocols/rollup/fuzz.ts';
import { fundUsers, rollupRig, user } from './rig.ts';

describe('rollup fuzz moves', () => {
  it('performs deposits, payments to the merchant, withdrawals and exits from plain JSON arguments', async () => {
    const rig = await rollupRig();
    await rig.rollup.perform(rig.world, 'deposit', { user: 3, eth: 4 });
    await fundUsers(rig, 1);
    expect(user(rig, 0).canonicalBalance()).toBe(eth(5));
    await rig.rollup.perform(rig.world, 'pay', { from: 0, to: 3, percent: 50 });
    expect(rig.rollup.sequencer.balanceOf(rig.rollup.merchant.address)).toBe(eth(2.5));
    await rig.rollup.perform(rig.world, 'withdraw', { user: 1, percent: 100 });
    expect(rig.rollup.sequencer.balanceOf(user(rig, 1).address)).toBe(0n);
    await rig.rollup.perform(rig.world, 'exit', { user: 2 });
    expect(rig.world.trace.events.at(-1)).toMatchObject({ actor: 'carol', summary: expect.stringMatching(/^sends a forced withdraw of its whole balance/) });
  });

  it('turns a move that makes no sense into a traced no-op, never a throw', async () => {
    const rig = await rollupRig();
    await rig.rollup.perform(rig.world, 'pay', { from: 0, to: 1, percent: 10 });
    expect(rig.world.trace.events.at(-1)!.summary).toBe('pay skipped: alice has nothing to spend');
    rig.world.setOffline('bob', rig.world.height + 10);
    await rig.rollup.perform(rig.world, 'deposit', { user: 1, eth: 1 });
    expect(rig.world.trace.events.at(-1)!.summary).toBe('deposit skipped: bob is offline');
  });

  it('keeps a party offline no longer than its patience window, the secure variant’s stated assumption', () => {
    expect(rollupFuzz.budget!({ userPatienceBlocks: 600 } as never)).toEqual({ offlineBlocks: 600 });
  });

  it('lands time moves on the end of the force-inclusion delay and of a root’s window', async () => {
    const rig = await rollupRig();
    await fundUsers(rig, 1);
    await user(rig, 0).exitAll(rig.world);
    await rig.world.advance(1);
    const queued = rig.rollup.derivation.delayed.at(-1)!;
    expect(await rig.rollup.deadlines()).toContain(queued.block + rig.rollup.params.forceInclusionDelayBlocks + 1);
  });
});
