import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timestampOf } from '../../src/kernel/clock.ts';
import { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import type { CustodyWalletFacade } from '../../src/l1/contracts/custody-wallet.ts';
import type { Deployed } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { alice, bob, custodian, walletOn } from './support.ts';

/** The 6.4-day optimistic challenge window in 12 s blocks (Arbitrum One, REFERENCE.md). */
const CHALLENGE_WINDOW_BLOCKS = 45_818;

describe('AnvilL1 on a real EVM', () => {
  let l1: AnvilL1;
  let wallet: Deployed<CustodyWalletFacade>;

  beforeAll(async () => {
    l1 = await AnvilL1.start();
    wallet = await walletOn(l1);
  });
  afterAll(async () => {
    await l1.close();
  });

  async function header(): Promise<{ number: number; timestamp: number }> {
    const b = await l1.node.rpc<{ number: string; timestamp: string }>('eth_getBlockByNumber', ['latest', false]);
    return { number: Number(b.number), timestamp: Number(b.timestamp) };
  }

  it('deploys CustodyWallet without mining a block: its views answer at height 0', async () => {
    expect(l1.head().number).toBe(0);
    expect(await wallet.custodian()).toBe(custodian);
    expect(await wallet.held()).toBe(0n);
    expect(await header()).toEqual({ number: 0, timestamp: timestampOf(0) });
  });

  it('mines a deposit and a release with real receipts, events keyed by ABI names and exact balances', async () => {
    const before = await l1.balanceOf(bob);
    const deposit = await wallet.deposit({ from: alice, value: eth(3) });
    expect(l1.receipt(deposit).status).toBe('pending');
    const block = await l1.mine();
    expect(block.number).toBe(1);
    const r = l1.receipt(deposit);
    expect(r.status).toBe('success');
    expect(r.gasUsed).toBeGreaterThan(21_000n);
    expect(r.logs).toEqual([{ contract: wallet.address, name: 'Deposit', args: { user: alice, amountWei: eth(3) }, block: 1, tx: deposit }]);
    const release = await wallet.release({ from: custodian }, bob, eth(1));
    await l1.mine();
    expect(l1.receipt(release).logs.map((l) => [l.name, l.args])).toEqual([['Released', { to: bob, amountWei: eth(1) }]]);
    expect(await wallet.held()).toBe(eth(2));
    // Zero gas price: bob's balance moves by exactly what the contract paid him.
    expect((await l1.balanceOf(bob)) - before).toBe(eth(1));
    expect(l1.logs({ contract: wallet.address, name: 'Deposit' }).map((l) => l.tx)).toContain(deposit);
  });

  it('reports a revert with the contract reason string, as MemoryL1 does', async () => {
    const theft = await wallet.release({ from: alice }, alice, eth(1));
    const empty = await wallet.deposit({ from: bob, value: 0n });
    const block = await l1.mine();
    expect(block.txs.map((t) => [t.status, t.revertReason])).toEqual([
      ['reverted', 'only the custodian can release funds'],
      ['reverted', 'deposit needs value'],
    ]);
    expect(l1.receipt(theft).gasUsed).toBeGreaterThan(21_000n);
    expect(l1.receipt(empty).logs).toEqual([]);
    expect(await wallet.held()).toBe(eth(2));
  });

  it('refuses a call to a view or to a method the contract does not have, with MemoryL1 reasons', async () => {
    await l1.send({ from: alice, to: wallet.address, method: 'held', args: [] });
    await l1.send({ from: alice, to: wallet.address, method: 'withdrawAll', args: [] });
    const block = await l1.mine();
    expect(block.txs.map((t) => t.revertReason)).toEqual(['CustodyWallet has no method held', 'CustodyWallet has no method withdrawAll']);
  });

  it('sends for an address with no known key by impersonating it', async () => {
    const stranger = '0x00000000000000000000000000000000000000aa';
    await l1.fund(stranger, eth(5));
    const deposit = await wallet.deposit({ from: stranger, value: eth(2) });
    await l1.mine();
    expect(l1.receipt(deposit).logs[0]!.args).toEqual({ user: stranger, amountWei: eth(2) });
    expect(await l1.balanceOf(stranger)).toBe(eth(3));
    expect(await wallet.held()).toBe(eth(4));
  });

  it(`skips a ${CHALLENGE_WINDOW_BLOCKS}-block challenge window in O(1): the EVM sees the exact height and time after it`, { timeout: 5_000 }, async () => {
    const start = l1.head().number;
    const target = start + CHALLENGE_WINDOW_BLOCKS;
    await l1.skipTo(target);
    expect(l1.head()).toEqual({ number: target, timestamp: timestampOf(target) });
    // Empty heights change no state: the node moves only when the next transaction is mined, straight to its height.
    expect((await header()).number).toBe(start);
    const deposit = await wallet.deposit({ from: bob, value: eth(1) });
    await l1.mine();
    expect(l1.receipt(deposit)).toMatchObject({ status: 'success', block: target + 1 });
    expect(await header()).toEqual({ number: target + 1, timestamp: timestampOf(target + 1) });
  });

  it('refuses to skip over a transaction the policy would include', async () => {
    await wallet.deposit({ from: bob, value: eth(1) });
    await expect(l1.skipTo(l1.head().number + 10)).rejects.toThrow(/would pass over a transaction/);
    await l1.mine();
  });
});
