import { describe, expect, it } from 'vitest';
import { timestampOf } from '../../src/kernel/clock.ts';
import type { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import { custodyWallet } from '../../src/l1/contracts/custody-wallet.ts';
import { eth } from '../../src/l1/units.ts';
import { alice, bob, walletOn, withAnvil } from './support.ts';

async function nodeHead(l1: AnvilL1): Promise<{ number: number; timestamp: number }> {
  const b = await l1.node.rpc<{ number: string; timestamp: string }>('eth_getBlockByNumber', ['latest', false]);
  return { number: Number(b.number), timestamp: Number(b.timestamp) };
}

describe('AnvilL1 reorgs (anvil_rollback, then the policy decides re-inclusion)', () => {
  it('drops the last k blocks: their state is undone and their transactions return to the mempool', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      const ids = [];
      for (const amount of [1, 2, 3]) {
        ids.push(await wallet.deposit({ from: alice, value: eth(amount) }));
        await l1.mine();
      }
      expect(await wallet.held()).toBe(eth(6));
      const returned = await l1.reorg(2);
      expect(returned).toEqual([ids[1], ids[2]]);
      expect(l1.head().number).toBe(1);
      expect(await nodeHead(l1)).toEqual({ number: 1, timestamp: timestampOf(1) });
      expect(await wallet.held()).toBe(eth(1));
      expect(l1.receipt(ids[2]!).status).toBe('pending');
      expect(l1.pendingCount()).toBe(2);
      expect(l1.logs({ name: 'Deposit' }).map((l) => l.tx)).toEqual([ids[0]]);
      // Re-signed at the rolled-back nonces, both land again in the next block.
      const block = await l1.mine();
      expect(block.txs.map((t) => [t.id, t.status])).toEqual([
        [ids[1], 'success'],
        [ids[2], 'success'],
      ]);
      expect(await wallet.held()).toBe(eth(6));
    });
  });

  it('lands inside a skipped stretch: the head is the empty height the reorg names', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      const first = await wallet.deposit({ from: alice, value: eth(1) });
      await l1.mine();
      await l1.skipTo(30);
      const late = await wallet.deposit({ from: bob, value: eth(2) });
      await l1.mine();
      expect(await l1.reorg(10)).toEqual([late]);
      expect(l1.head().number).toBe(21);
      expect(await nodeHead(l1)).toEqual({ number: 21, timestamp: timestampOf(21) });
      expect(await wallet.held()).toBe(eth(1));
      expect(l1.receipt(first).status).toBe('success');
      await l1.mine();
      expect(l1.receipt(late)).toMatchObject({ status: 'success', block: 22 });
      expect(await nodeHead(l1)).toEqual({ number: 22, timestamp: timestampOf(22) });
    });
  });

  it('lands on the last mined block before a skip, and on the skip target itself', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      await wallet.deposit({ from: alice, value: eth(1) });
      await l1.mine(); // 1
      await l1.skipTo(20);
      await wallet.deposit({ from: alice, value: eth(2) });
      await l1.mine(); // 21
      await l1.reorg(1);
      expect(await nodeHead(l1)).toEqual({ number: 20, timestamp: timestampOf(20) });
      expect(await wallet.held()).toBe(eth(1));
      await l1.mine(); // 21 again, with the returned deposit
      await wallet.deposit({ from: bob, value: eth(4) });
      await l1.mine(); // 22
      await l1.reorg(21);
      expect(await nodeHead(l1)).toEqual({ number: 1, timestamp: timestampOf(1) });
      expect(await wallet.held()).toBe(eth(1));
      expect(l1.pendingCount()).toBe(2);
      await l1.mine();
      expect(await wallet.held()).toBe(eth(7));
    });
  });

  it('keeps a contract deployed above the reorg point, with its constructor state, as MemoryL1 does', async () => {
    await withAnvil(async (l1) => {
      await walletOn(l1);
      await l1.skipTo(5);
      const late = await l1.deploy(custodyWallet, { custodian: bob });
      await late.deposit({ from: alice, value: eth(1) });
      await l1.mine();
      expect(await late.held()).toBe(eth(1));
      await l1.reorg(4);
      expect(await late.custodian()).toBe(bob);
      expect(await late.held()).toBe(0n);
      await l1.mine();
      expect(await late.held()).toBe(eth(1));
    });
  });

  it('refuses a reorg deeper than the finality depth, even in several steps', async () => {
    await withAnvil(async (l1) => {
      await l1.skipTo(200);
      await expect(l1.reorg(65)).rejects.toThrow(/reaches past finality/);
      await l1.reorg(64);
      expect(l1.head().number).toBe(136);
      // Nothing was ever mined: the node, told only of blocks with transactions, never left genesis and has nothing to undo.
      expect((await nodeHead(l1)).number).toBe(0);
      // Height 136 was final when the head was at 200: a second reorg cannot reach below it.
      await expect(l1.reorg(1)).rejects.toThrow(/reaches past finality/);
      expect(l1.finalized().number).toBe(136);
    });
  });

  it('reorgs the full finality depth after hundreds of blocks, when older chain history is forgotten', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      for (let i = 1; i <= 300; i++) {
        if (i % 50 === 0) await l1.skipTo(l1.head().number + 20);
        if (i % 10 === 0) await wallet.deposit({ from: alice, value: eth(1) });
        await l1.mine();
      }
      expect(await wallet.held()).toBe(eth(30));
      const head = l1.head().number;
      const returned = await l1.reorg(64);
      expect(await nodeHead(l1)).toEqual({ number: head - 64, timestamp: timestampOf(head - 64) });
      expect(await wallet.held()).toBe(eth(30 - returned.length));
      expect(returned.length).toBeGreaterThan(0);
    });
  });

  it('stays consistent over many mined blocks, skips and reorgs', async () => {
    await withAnvil(async (l1) => {
      const wallet = await walletOn(l1);
      let expected = 0n;
      const held = new Map<number, bigint>([[0, 0n]]);
      for (let i = 1; i <= 12; i++) {
        if (i % 4 === 0) await l1.skipTo(l1.head().number + 7);
        await wallet.deposit({ from: alice, value: eth(i) });
        expected += eth(i);
        await l1.mine();
        held.set(l1.head().number, expected);
      }
      for (const depth of [3, 9, 2]) {
        await l1.reorg(depth);
        const head = l1.head().number;
        const at = [...held.entries()].filter(([h]) => h <= head).sort((a, b) => b[0] - a[0])[0]![1];
        expect(await wallet.held()).toBe(at);
        expect(await nodeHead(l1)).toEqual({ number: head, timestamp: timestampOf(head) });
        for (const [h] of [...held]) if (h > head) held.delete(h);
        while (l1.pendingCount() > 0) await l1.mine();
        held.set(l1.head().number, expected);
        expect(await wallet.held()).toBe(expected);
      }
    });
  });
});
