import { describe, expect, it } from 'vitest';
import { eth } from '../../../../src/l1/units.ts';
import { fundUsers, rollupRig, untilPostedAndFinal, user } from './rig.ts';

describe('sequencer', () => {
  it('soft-confirms at once and later posts a compressed blob batch that derivation applies', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const { tx, result } = await user(rig, 0).pay(rig.world, user(rig, 1).address, eth(1));
    expect(result.status).toBe('confirmed');
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.tx(tx.hash)).toBeUndefined();
    await rig.world.advance(rig.rollup.params.batchIntervalBlocks + 2);
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.tx(tx.hash)).toMatchObject({ status: 'ok' });
    expect(rig.rollup.derivation.batches.at(-1)!.record.dataLocation).toBe('blobs');
  });

  it('refuses an overdraft and a replayed transaction', async () => {
    const rig = await rollupRig();
    await fundUsers(rig, 2);
    const alice = user(rig, 0);
    expect((await alice.pay(rig.world, user(rig, 1).address, eth(3))).result).toMatchObject({ status: 'refused', reason: /insufficient/ });
    const { tx } = await alice.pay(rig.world, user(rig, 1).address, eth(1));
    expect(await rig.rollup.sequencer.submit(rig.world, tx)).toMatchObject({ status: 'refused', reason: /nonce/ });
  });

  it('credits a deposit only once its L1 block is final', async () => {
    const rig = await rollupRig();
    const alice = user(rig, 0);
    await alice.deposit(rig.world, eth(5));
    await rig.world.settle();
    await rig.world.advance(rig.world.l1.finalityDepth - 2);
    expect(rig.rollup.sequencer.balanceOf(alice.address)).toBe(0n);
    await rig.world.advance(4);
    expect(rig.rollup.sequencer.balanceOf(alice.address)).toBe(eth(5));
  });

  it('refuses a transaction that cannot fit in any batch under the decompressed limit', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const alice = user(rig, 0);
    const bomb = new Uint8Array(rig.rollup.params.maxDecompressedBytes);
    expect((await alice.pay(rig.world, alice.address, 0n, bomb)).result).toMatchObject({ status: 'refused', reason: /cannot fit in any batch/ });
  });

  it('in no-zip-bomb-limit batches the bomb with an honest payment, and derivation drops both', async () => {
    const rig = await rollupRig('no-zip-bomb-limit', { maxDecompressedBytes: 65_536 });
    await fundUsers(rig);
    const [alice, bob] = [user(rig, 0), user(rig, 1)];
    const { tx } = await alice.pay(rig.world, bob.address, eth(1));
    expect((await bob.pay(rig.world, bob.address, 0n, new Uint8Array(rig.rollup.params.maxDecompressedBytes))).result.status).toBe('confirmed');
    await rig.world.advance(rig.rollup.params.batchIntervalBlocks + 2);
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.batches.at(-1)).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/limit/) });
    expect(rig.rollup.derivation.tx(tx.hash)).toBeUndefined();
  });

  it('lets a batch held past its deadline revert, then re-posts its transactions with a fresh origin', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const { tx } = await user(rig, 0).pay(rig.world, user(rig, 1).address, eth(1));
    const hold = rig.rollup.params.forceInclusionDelayBlocks + 100;
    rig.l1.policy.censor(rig.rollup.sequencer.address, rig.world.height + hold);
    await rig.world.advance(hold + rig.rollup.params.batchIntervalBlocks + 4);
    rig.rollup.derivation.sync();
    expect(rig.world.trace.events.some((e) => /reverted on L1: .*past its deadline/.test(e.summary))).toBe(true);
    expect(rig.rollup.derivation.tx(tx.hash)).toMatchObject({ status: 'ok' });
    expect(rig.rollup.derivation.batches.every((b) => b.outcome === 'applied')).toBe(true);
  });

  it('stops soft-confirming while its backlog can no longer be posted in time', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    await user(rig, 0).pay(rig.world, user(rig, 1).address, eth(1));
    rig.l1.policy.censor(rig.rollup.sequencer.address, rig.world.height + 7_000);
    await rig.world.advance(rig.rollup.params.forceInclusionDelayBlocks);
    expect((await user(rig, 1).pay(rig.world, user(rig, 0).address, eth(1))).result).toMatchObject({ status: 'refused', reason: /backlog/ });
  });

  it('in unchecked-batch-bounds lets a late batch land, and derivation throws its payment away', async () => {
    const rig = await rollupRig('unchecked-batch-bounds');
    await fundUsers(rig);
    const { tx } = await user(rig, 0).pay(rig.world, user(rig, 1).address, eth(1));
    const hold = rig.rollup.params.forceInclusionDelayBlocks + 100;
    rig.l1.policy.censor(rig.rollup.sequencer.address, rig.world.height + hold);
    await rig.world.advance(hold + rig.rollup.params.batchIntervalBlocks + 4);
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.batches.at(-1)).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/time bounds/) });
    expect(rig.rollup.derivation.tx(tx.hash)).toBeUndefined();
  });

  it('rebuilds on the canonical chain after a force inclusion and retracts what no longer applies', async () => {
    const rig = await rollupRig();
    await fundUsers(rig, 3);
    const [alice, bob] = [user(rig, 0), user(rig, 1)];
    const { tx } = await alice.pay(rig.world, bob.address, eth(3));
    rig.l1.policy.censor(rig.rollup.sequencer.address, rig.world.height + rig.rollup.params.forceInclusionDelayBlocks + 200);
    await alice.exitAll(rig.world);
    await rig.world.advance(rig.rollup.params.forceInclusionDelayBlocks + 300);
    expect(rig.rollup.sequencer.retracted.map((t) => t.hash)).toEqual([tx.hash]);
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.tx(tx.hash)).toBeUndefined();
    expect(rig.rollup.derivation.state.withdrawals.at(-1)).toMatchObject({ from: alice.address, amountWei: eth(3) });
  });

  it('ignores a censored user, who falls back to the delayed inbox after its patience', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const alice = user(rig, 0);
    rig.rollup.sequencer.censor(alice.address, rig.world.height + 50_000);
    expect((await alice.pay(rig.world, user(rig, 1).address, eth(2))).result.status).toBe('ignored');
    await rig.world.advance(rig.rollup.params.userPatienceBlocks + 2);
    const sent = rig.rollup.derivation.delayed.at(-1)!;
    expect(sent).toMatchObject({ kind: 'transaction', sender: alice.address, action: 'transfer', amountWei: eth(2) });
    await rig.world.advance(rig.rollup.params.forceInclusionDelayBlocks + 16);
    rig.rollup.derivation.sync();
    expect(rig.rollup.derivation.delayedInclusion(sent.index)?.status).toBe('ok');
    expect(rig.rollup.derivation.state.account(user(rig, 1).address).balanceWei).toBe(eth(12));
  });

  it('cannot post a bare hash to a rollup inbox, and goes back to posting data', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    rig.rollup.sequencer.withhold(rig.world.height + 1_000);
    const { tx } = await user(rig, 0).pay(rig.world, user(rig, 1).address, eth(1));
    await untilPostedAndFinal(rig);
    rig.rollup.derivation.sync();
    expect(rig.world.trace.events.some((e) => /batch data required/.test(e.summary))).toBe(true);
    expect(rig.rollup.derivation.tx(tx.hash)?.status).toBe('ok');
    expect(rig.rollup.derivation.stalledAt).toBeUndefined();
  });
});
