import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { keccakBytes, ZERO_HASH } from '../../../../src/crypto/keccak.ts';
import type { BatchHeader } from '../../../../src/l1/contracts/rollup-inbox.ts';
import type { TxId } from '../../../../src/l1/L1.ts';
import { versionedHash } from '../../../../src/l1/gas.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';
import { deployRollup, type ContractRules } from '../../../../src/protocols/rollup/contracts.ts';
import { L2State } from '../../../../src/protocols/rollup/state.ts';

const sequencer = account('sequencer').address;
const alice = account('alice').address;
const bob = account('bob').address;

const RULES: ContractRules = {
  sequencer,
  forceInclusionDelayBlocks: 100,
  delayBuffer: null,
  forcedInclusion: true,
  requireBatchData: true,
  challengeWindowBlocks: 50,
};

async function setup(rules: Partial<ContractRules> = {}) {
  const l1 = new MemoryL1();
  const { contracts } = await deployRollup(l1, { ...RULES, ...rules });
  await l1.fund(alice, eth(100));
  await l1.mine();
  return { l1, ...contracts };
}

async function mined(l1: MemoryL1, id: TxId) {
  await l1.mine();
  return l1.receipt(id);
}

const header = (over: Partial<BatchHeader> = {}): BatchHeader => ({ sequenceNumber: 0, afterDelayedRead: 0, notBeforeBlock: 0, deadlineBlock: 0, dataHash: ZERO_HASH, ...over });
const data = new Uint8Array([1, 2, 3, 0, 0]);

describe('bridge and delayed inbox', () => {
  it('escrows a deposit and queues it as a delayed message from the L1 sender', async () => {
    const { l1, bridge, delayedInbox } = await setup();
    expect((await mined(l1, await bridge.deposit({ from: alice, value: eth(3) }, bob))).status).toBe('success');
    expect(await bridge.escrowedWei()).toBe(eth(3));
    expect(await l1.balanceOf(bridge.address)).toBe(eth(3));
    expect(await delayedInbox.message(0)).toMatchObject({ index: 0, kind: 'deposit', sender: alice, to: bob, amountWei: eth(3) });
  });

  it('lets no one but the bridge enqueue a deposit', async () => {
    const { l1, delayedInbox } = await setup();
    const r = await mined(l1, await delayedInbox.enqueueDeposit({ from: alice }, alice, alice, eth(50)));
    expect(r.revertReason).toMatch(/only the bridge/);
  });

  it('authenticates a forced transaction by its L1 sender', async () => {
    const { l1, delayedInbox } = await setup();
    await mined(l1, await delayedInbox.sendTransaction({ from: alice }, { action: 'withdraw', to: alice, amountWei: 0n, all: true }));
    expect(await delayedInbox.message(0)).toMatchObject({ kind: 'transaction', sender: alice, action: 'withdraw', all: true, block: 2 });
  });
});

describe('sequencer inbox', () => {
  it('accepts calldata batches from the sequencer only, in sequence', async () => {
    const { l1, inbox } = await setup();
    expect((await mined(l1, await inbox.addSequencerBatch({ from: alice, data }, header(), data))).revertReason).toMatch(/only the sequencer/);
    const ok = await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header(), data));
    expect(ok.status).toBe('success');
    expect(ok.logs.map((l) => l.name)).toEqual(['SequencerBatchData', 'SequencerBatchDelivered']);
    expect(await inbox.batch(0)).toMatchObject({ dataLocation: 'calldata', dataHash: keccakBytes(data), kind: 'sequencer' });
    expect((await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header(), data))).revertReason).toMatch(/bad sequence number 0, expected 1/);
  });

  it('records blob batches by their versioned hashes', async () => {
    const { l1, inbox } = await setup();
    await mined(l1, await inbox.addSequencerBatch({ from: sequencer, blobs: [data] }, header(), null));
    expect((await inbox.batch(0))!.blobHashes).toEqual([versionedHash(data)]);
  });

  it('refuses a batch without data unless it is the commit-without-data twin', async () => {
    const secure = await setup();
    const r = await mined(secure.l1, await secure.inbox.addSequencerBatch({ from: sequencer }, header({ dataHash: keccakBytes(data) }), null));
    expect(r.revertReason).toMatch(/batch data required/);
    const twin = await setup({ requireBatchData: false });
    await mined(twin.l1, await twin.inbox.addSequencerBatch({ from: sequencer }, header({ dataHash: keccakBytes(data) }), null));
    expect(await twin.inbox.batch(0)).toMatchObject({ dataLocation: 'none', dataHash: keccakBytes(data) });
  });

  it('reverts a batch that lands outside the bounds its header declares', async () => {
    const { l1, inbox } = await setup();
    const late = await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ deadlineBlock: l1.head().number }), data));
    expect(late.revertReason).toMatch(/past its deadline/);
    const early = await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ notBeforeBlock: l1.head().number + 5 }), data));
    expect(early.revertReason).toMatch(/before its bound/);
  });

  it('forces delayed messages in only after the delay, and then a stale sequencer batch cannot land', async () => {
    const { l1, inbox, delayedInbox } = await setup();
    await mined(l1, await delayedInbox.sendTransaction({ from: alice }, { action: 'transfer', to: bob, amountWei: 1n, all: false }));
    const sentAt = (await delayedInbox.message(0))!.block;
    expect((await mined(l1, await inbox.forceInclusion({ from: bob }, 1))).revertReason).toMatch(/can be forced after block/);
    await l1.skipTo(sentAt + 100);
    expect((await mined(l1, await inbox.forceInclusion({ from: bob }, 1))).status).toBe('success');
    expect(await inbox.batch(0)).toMatchObject({ kind: 'forced', prevDelayedRead: 0, afterDelayedRead: 1 });
    const stale = await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ sequenceNumber: 1, afterDelayedRead: 0 }), data));
    expect(stale.revertReason).toMatch(/already sequenced/);
  });

  it('has no force inclusion in the no-forced-inclusion twin', async () => {
    const { l1, inbox, delayedInbox } = await setup({ forcedInclusion: false });
    await mined(l1, await delayedInbox.sendTransaction({ from: alice }, { action: 'transfer', to: bob, amountWei: 1n, all: false }));
    await l1.skipTo(l1.head().number + 1_000);
    expect((await mined(l1, await inbox.forceInclusion({ from: alice }, 1))).revertReason).toMatch(/not supported/);
    expect(await inbox.forceInclusionEnabled()).toBe(false);
  });

  it('shortens the force-inclusion delay once a censoring sequencer has drained the delay buffer', async () => {
    const buffer = { maxBufferBlocks: 300, thresholdBlocks: 10, replenishRateBasisPoints: 500 };
    const { l1, inbox, delayedInbox } = await setup({ delayBuffer: buffer, forceInclusionDelayBlocks: 200 });
    expect(await inbox.forceInclusionDelay(l1.head().number)).toBe(200);
    for (let i = 0; i < 2; i++) {
      await mined(l1, await delayedInbox.sendTransaction({ from: alice }, { action: 'transfer', to: bob, amountWei: 1n, all: false }));
      await l1.skipTo(l1.head().number + (i === 0 ? 200 : 150));
    }
    // The sequencer finally sequences message 0 after ~200 blocks: 190 blocks of unexpected delay.
    await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ afterDelayedRead: 1 }), data));
    const second = (await delayedInbox.message(1))!;
    expect(await inbox.forceInclusionDelay(second.block)).toBeLessThan(200);
    expect(await inbox.forceInclusionDelay(second.block)).toBeGreaterThanOrEqual(buffer.thresholdBlocks);
  });
});

describe('state commitments (placeholder finality) and withdrawals', () => {
  it('finalizes a root once the window has passed, and pays a proven withdrawal exactly once', async () => {
    const { l1, inbox, commitments, bridge } = await setup();
    await mined(l1, await bridge.deposit({ from: alice, value: eth(5) }, alice));
    const state = new L2State();
    state.apply({ kind: 'deposit', to: alice, amountWei: eth(5) });
    state.apply({ kind: 'withdraw', from: alice, to: bob, amountWei: eth(2), nonce: 0 });
    await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ afterDelayedRead: 1 }), data));
    expect((await mined(l1, await commitments.propose({ from: bob }, state.stateRoot(), 2, 0))).revertReason).toMatch(/only 1 batches/);
    await mined(l1, await commitments.propose({ from: bob }, state.stateRoot(), 1, 0));
    const w = state.withdrawals[0]!;
    const roots = state.roots();
    const proof = { accountsRoot: roots.accountsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount, siblings: state.withdrawalProof(0) };
    expect((await mined(l1, await bridge.finalizeWithdrawal({ from: bob }, 1, w, proof))).revertReason).toMatch(/not final yet/);
    await l1.skipTo((await commitments.commitment(1))!.postedBlock + 50);
    expect(await commitments.latestFinalAt(l1.head().number + 1)).toBe(1);
    const forged = { ...w, amountWei: eth(5) };
    expect((await mined(l1, await bridge.finalizeWithdrawal({ from: bob }, 1, forged, proof))).revertReason).toMatch(/not in commitment/);
    const before = await l1.balanceOf(bob);
    expect((await mined(l1, await bridge.finalizeWithdrawal({ from: alice }, 1, w, proof))).status).toBe('success');
    expect(await l1.balanceOf(bob)).toBe(before + eth(2));
    expect(await bridge.escrowedWei()).toBe(eth(3));
    expect((await mined(l1, await bridge.finalizeWithdrawal({ from: alice }, 1, w, proof))).revertReason).toMatch(/already paid/);
  });

  it('only extends the latest commitment', async () => {
    const { l1, inbox, commitments } = await setup();
    for (let i = 0; i < 2; i++) await mined(l1, await inbox.addSequencerBatch({ from: sequencer, data }, header({ sequenceNumber: i }), data));
    await mined(l1, await commitments.propose({ from: bob }, ZERO_HASH, 1, 0));
    expect((await mined(l1, await commitments.propose({ from: bob }, ZERO_HASH, 2, 0))).revertReason).toMatch(/not the latest/);
    expect((await mined(l1, await commitments.propose({ from: bob }, ZERO_HASH, 1, 1))).revertReason).toMatch(/more than 1/);
  });
});
