import { describe, expect, it } from 'vitest';
import { account, type Address } from '../../../../src/crypto/accounts.ts';
import { timestampOf } from '../../../../src/kernel/clock.ts';
import { CallRecording } from '../../../../src/fuzz/foundry/recording.ts';
import { custodyWallet } from '../../../../src/l1/contracts/custody-wallet.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';

const [alice, bob, custodian] = ['alice', 'bob', 'custodian'].map((n) => account(n).address) as [Address, Address, Address];

async function walletWithRecording() {
  const l1 = new MemoryL1();
  const wallet = await l1.deploy(custodyWallet, { custodian: custodian });
  await l1.fund(alice, eth(10));
  return { l1, wallet, recording: CallRecording.attach(l1) };
}

describe('CallRecording: the canonical L1 calls of a run', () => {
  it('keeps mined calls in block order with heights, times, senders, values and how each ended', async () => {
    const { l1, wallet, recording } = await walletWithRecording();
    await wallet.deposit({ from: alice, value: eth(2) });
    await wallet.release({ from: alice }, alice, eth(1));
    await l1.mine();
    await l1.skipTo(9);
    await wallet.release({ from: custodian }, bob, eth(1));
    await l1.mine();
    await l1.mine(); // empty blocks are not recorded
    expect(recording.blocks.map((b) => [b.number, b.timestamp])).toEqual([[1, timestampOf(1)], [10, timestampOf(10)]]);
    expect(recording.blocks.flatMap((b) => b.calls)).toEqual([
      { from: alice, to: wallet.address, method: 'deposit', args: [], valueWei: eth(2), status: 'success' },
      { from: alice, to: wallet.address, method: 'release', args: [alice, eth(1)], valueWei: 0n, status: 'reverted', revertReason: 'only the custodian can release funds' },
      { from: custodian, to: wallet.address, method: 'release', args: [bob, eth(1)], valueWei: 0n, status: 'success' },
    ]);
  });

  it('leaves out what never landed and what a reorg undid; a reorged call counts where it is mined again', async () => {
    const { l1, wallet, recording } = await walletWithRecording();
    l1.policy.censor(alice, 3);
    await wallet.deposit({ from: alice, value: eth(1) });
    await l1.mine();
    await l1.mine();
    expect(recording.blocks).toEqual([]);
    await l1.mine(); // height 3: the censorship ends with it
    await l1.mine();
    expect(recording.blocks.map((b) => b.number)).toEqual([4]);
    await l1.reorg(1);
    expect(recording.blocks).toEqual([]);
    await l1.mine();
    expect(recording.blocks.map((b) => [b.number, b.calls.map((c) => c.method)])).toEqual([[4, ['deposit']]]);
  });
});
