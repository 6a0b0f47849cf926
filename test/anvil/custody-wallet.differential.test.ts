import { describe, expect, it } from 'vitest';
import type { L1 } from '../../src/l1/L1.ts';
import { MemoryL1 } from '../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../src/l1/units.ts';
import { alice, bob, custodian, walletOn, withAnvil } from './support.ts';

/**
 * The same call sequence on both backends: CustodyWallet.sol and its TS twin must agree
 * on state, events and revert reasons (DESIGN §4), or attacks would mean different things
 * on each backend.
 */
async function session(l1: L1): Promise<unknown[]> {
  const wallet = await walletOn(l1);
  const seen: unknown[] = [];
  const record = async (): Promise<void> => {
    const block = await l1.mine();
    seen.push({
      block: block.number,
      txs: block.txs.map((t) => ({ status: t.status, reason: t.revertReason, logs: t.logs.map((l) => ({ name: l.name, args: l.args, contract: l.contract === wallet.address })) })),
      held: await wallet.held(),
      balances: [await l1.balanceOf(alice), await l1.balanceOf(bob)],
    });
  };
  await wallet.deposit({ from: alice, value: eth(5) });
  await wallet.deposit({ from: bob, value: eth(2.5) });
  await record();
  await wallet.release({ from: custodian }, bob, eth(1));
  await wallet.release({ from: alice }, alice, eth(1));
  await wallet.release({ from: custodian }, alice, eth(100));
  await wallet.deposit({ from: alice, value: 0n });
  await record();
  await l1.skipTo(40);
  await wallet.release({ from: custodian }, alice, eth(6.5));
  await record();
  seen.push({ reorged: (await l1.reorg(1)).length, held: await wallet.held() });
  await record();
  seen.push({ custodian: await wallet.custodian() });
  return seen;
}

describe('CustodyWallet differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  it('produces the same receipts, events, reverts, holdings and balances for the same calls', async () => {
    const memory = await session(new MemoryL1());
    const anvil = await withAnvil((l1) => session(l1));
    expect(anvil).toEqual(memory);
    expect(memory.length).toBe(6);
  });
});
