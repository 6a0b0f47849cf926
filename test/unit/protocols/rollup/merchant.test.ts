import { describe, expect, it } from 'vitest';
import { eth } from '../../../../src/l1/units.ts';
import { fundUsers, rollupRig, untilPostedAndFinal, user, type RollupRig } from './rig.ts';

async function buy(rig: RollupRig, amountEth = 2, buyer = 0) {
  return user(rig, buyer).pay(rig.world, rig.rollup.merchant.address, eth(amountEth));
}

describe('merchant acceptance policies', () => {
  it('soft: ships on the sequencer’s word, the moment the feed confirms', async () => {
    const rig = await rollupRig('merchant-accepts-soft');
    await fundUsers(rig);
    const { tx } = await buy(rig);
    expect(rig.rollup.merchant.accepted.map((p) => [p.hash, p.policy])).toEqual([[tx.hash, 'soft']]);
  });

  it('l1-posted: waits until the batch carrying the payment sits in an L1-final block', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const { tx } = await buy(rig);
    await rig.world.advance(rig.rollup.params.batchIntervalBlocks + 4);
    expect(rig.rollup.merchant.accepted).toEqual([]);
    await untilPostedAndFinal(rig);
    expect(rig.rollup.merchant.accepted.map((p) => [p.hash, p.policy, p.amountWei])).toEqual([[tx.hash, 'l1-posted', eth(2)]]);
  });

  it('l1-posted trusts posted data it does not re-derive: it ships against a batch derivation throws away', async () => {
    const rig = await rollupRig('no-zip-bomb-limit', { maxDecompressedBytes: 65_536 });
    await fundUsers(rig);
    const { tx } = await buy(rig);
    await user(rig, 1).pay(rig.world, user(rig, 1).address, 0n, new Uint8Array(rig.rollup.params.maxDecompressedBytes));
    await untilPostedAndFinal(rig);
    rig.rollup.derivation.sync();
    expect(rig.rollup.merchant.accepted.map((p) => p.hash)).toEqual([tx.hash]);
    expect(rig.rollup.derivation.tx(tx.hash)).toBeUndefined();
  });

  it('l1-final: ships only what derivation from finalized L1 data includes, so the same bomb fools it not', async () => {
    const rig = await rollupRig('no-zip-bomb-limit', { maxDecompressedBytes: 65_536 }, 'arbitrum-one', { merchantPolicy: 'l1-final' });
    await fundUsers(rig);
    await buy(rig);
    await user(rig, 1).pay(rig.world, user(rig, 1).address, 0n, new Uint8Array(rig.rollup.params.maxDecompressedBytes));
    await untilPostedAndFinal(rig);
    expect(rig.rollup.merchant.accepted).toEqual([]);
    // The twin's sequencer still thinks the first purchase happened; a buyer it never touched pays cleanly.
    const { tx } = await buy(rig, 1, 2);
    await untilPostedAndFinal(rig);
    expect(rig.rollup.merchant.accepted.map((p) => [p.hash, p.policy])).toEqual([[tx.hash, 'l1-final']]);
  });
});
