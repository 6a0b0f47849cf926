import { describe, expect, it } from 'vitest';
import { eth } from '../../../../src/l1/units.ts';
import { OWN_NODE_USER, ownNodeAway, rollupFuzz } from '../../../../src/protocols/rollup/fuzz.ts';
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
    expect(await rig.rollup.deadlines(rig.world)).toContain(queued.block + rig.rollup.params.forceInclusionDelayBlocks + 1);
  });

  it('sends a user with its own node away only once its deposit is in the chain, and lands a time move on its return', async () => {
    const rig = await rollupRig();
    await rig.rollup.perform(rig.world, ownNodeAway.name, { eth: 3, blocks: 5_000 });
    const dave = rig.rollup.party(OWN_NODE_USER);
    expect(dave.node).not.toBe(rig.rollup.derivation);
    expect(dave.canonicalBalance()).toBe(eth(3));
    expect(rig.world.isOnline(OWN_NODE_USER)).toBe(false);
    expect(await rig.rollup.deadlines(rig.world)).toContain(rig.world.backOnlineAt(OWN_NODE_USER));
    await rig.rollup.perform(rig.world, ownNodeAway.name, { eth: 1, blocks: 10 });
    expect(rig.world.trace.events.at(-1)!.summary).toBe('own-node-away skipped: dave is away');
  });

  it('keeps the user home while the operator leaves its deposit unforced: forcing it in is the user’s job', async () => {
    const rig = await rollupRig();
    rig.world.removeRole('operator');
    await rig.rollup.perform(rig.world, ownNodeAway.name, { eth: 3, blocks: 5_000 });
    expect(rig.world.trace.events.at(-1)!.summary).toBe('own-node-away skipped: dave stays: a delayed message of its own is not final in the chain yet');
    expect(rig.world.isOnline(OWN_NODE_USER)).toBe(true);
  });
});
