import { describe, expect, it } from 'vitest';
import { account } from '../../src/crypto/accounts.ts';
import { eth } from '../../src/l1/units.ts';
import { alice, bob, walletOn, withAnvil } from './support.ts';

describe('AnvilL1 inclusion policy (client-side Mempool: only admitted transactions reach the node)', () => {
  it('keeps a censored sender out until its budget ends, while others are mined', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      l1.policy.censor(alice, 3);
      const censored = await wallet.deposit({ from: alice, value: eth(1) });
      const free = await wallet.deposit({ from: bob, value: eth(2) });
      expect(l1.nextInclusionHeight()).toBe(1);
      await l1.mine();
      expect(l1.receipt(free).status).toBe('success');
      expect(l1.receipt(censored).status).toBe('pending');
      // Never handed to the node: anvil's own pool stays empty between blocks.
      expect(await l1.node.rpc('txpool_status')).toEqual({ pending: '0x0', queued: '0x0' });
      expect(l1.nextInclusionHeight()).toBe(4);
      await l1.skipTo(3);
      await l1.mine();
      expect(l1.receipt(censored)).toMatchObject({ status: 'success', block: 4 });
      expect(await wallet.held()).toBe(eth(3));
    });
  });

  it('prices out bids under a fee floor and puts a prioritized sender first in the block', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      const carol = account('carol').address;
      await l1.fund(carol, eth(10));
      l1.policy.congest(50_000_000_000n, 2);
      l1.policy.prioritize(carol);
      const cheap = await wallet.deposit({ from: alice, value: eth(1), maxFeePerGas: 1_000_000_000n });
      const rich = await wallet.deposit({ from: bob, value: eth(1), maxFeePerGas: 60_000_000_000n });
      const first = await wallet.deposit({ from: carol, value: eth(1), maxFeePerGas: 60_000_000_000n });
      const block = await l1.mine();
      expect(block.txs.map((t) => t.id)).toEqual([first, rich]);
      expect(l1.receipt(cheap).status).toBe('pending');
      await l1.skipTo(2);
      await l1.mine();
      expect(l1.receipt(cheap)).toMatchObject({ status: 'success', block: 3 });
    });
  });

  it('refuses what the node would refuse (value beyond the balance) as a reverted receipt, and goes on', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      const broke = account('dave').address;
      const overdraft = await wallet.deposit({ from: broke, value: eth(1) });
      const fine = await wallet.deposit({ from: alice, value: eth(1) });
      await l1.mine();
      expect(l1.receipt(overdraft).status).toBe('reverted');
      expect(l1.receipt(overdraft).revertReason).toMatch(/insufficient funds/i);
      expect(l1.receipt(fine).status).toBe('success');
    });
  });
});
