import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { keccakBytes } from '../../../../src/crypto/keccak.ts';
import { timestampOf } from '../../../../src/kernel/clock.ts';
import type { ForcedTransaction } from '../../../../src/l1/contracts/delayed-inbox.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';
import { encodePayload, type BatchItem, type L2Block } from '../../../../src/protocols/rollup/batch.ts';
import { compressPayload } from '../../../../src/protocols/rollup/compression.ts';
import { deployRollup, type RollupContracts } from '../../../../src/protocols/rollup/contracts.ts';
import { carrier, type DataAvailability } from '../../../../src/protocols/rollup/data-availability.ts';
import { Derivation, type DerivationRules } from '../../../../src/protocols/rollup/derivation.ts';
import { L2State } from '../../../../src/protocols/rollup/state.ts';
import { ByteReader } from '../../../../src/protocols/rollup/codec.ts';
import { decodeTx, encodeTx, signTx, type SignedTx } from '../../../../src/protocols/rollup/transaction.ts';

const CHAIN = 42161;
const sequencer = account('sequencer');
const alice = account('alice');
const bob = account('bob');
const RULES: DerivationRules = { chainId: CHAIN, delayBlocks: 100, futureBlocks: 4, delaySeconds: 1_200, futureSeconds: 48, maxDecompressedBytes: 64 * 1024 };

interface Rig {
  l1: MemoryL1;
  contracts: RollupContracts;
  derivation: Derivation;
}

async function rig(options: { requireBatchData?: boolean; blobRetentionSeconds?: number } = {}): Promise<Rig> {
  const l1 = new MemoryL1({ blobRetentionSeconds: options.blobRetentionSeconds });
  const { contracts } = await deployRollup(l1, {
    sequencer: sequencer.address,
    forceInclusionDelayBlocks: 100,
    delayBuffer: null,
    forcedInclusion: true,
    requireBatchData: options.requireBatchData ?? true,
    challengeWindowBlocks: 50,
  });
  for (const who of [alice, bob]) await l1.fund(who.address, eth(100));
  await l1.mine();
  return { l1, contracts, derivation: new Derivation(l1, contracts, RULES) };
}

async function deposit(r: Rig, amount: bigint, from = alice): Promise<void> {
  await r.contracts.bridge.deposit({ from: from.address, value: amount }, from.address);
  await r.l1.mine();
}

async function forced(r: Rig, from: typeof alice, body: ForcedTransaction): Promise<void> {
  await r.contracts.delayedInbox.sendTransaction({ from: from.address }, body);
  await r.l1.mine();
}

function pay(from: typeof alice, to: typeof alice, amount: bigint, nonce: number, memo = new Uint8Array(0)): SignedTx {
  return signTx({ kind: 'transfer', from: from.address, to: to.address, amountWei: amount, nonce, memo }, from, CHAIN, 'ideal');
}

const tx = (t: SignedTx): BatchItem => ({ type: 'tx', tx: t });
const DELAYED: BatchItem = { type: 'delayed' };

/** An L2 block stamped with `origin` (default: the current head). */
function block(r: Rig, items: BatchItem[], origin = r.l1.head().number): L2Block {
  return { origin, timestamp: timestampOf(origin), items };
}

async function post(r: Rig, blocks: L2Block[], afterDelayedRead: number, mode: DataAvailability = 'calldata'): Promise<string> {
  const data = compressPayload(encodePayload(blocks), 'zlib');
  const carried = carrier(data, mode);
  const sequenceNumber = await r.contracts.inbox.batchCount();
  const header = { sequenceNumber, afterDelayedRead, notBeforeBlock: 0, deadlineBlock: 0, dataHash: keccakBytes(data) };
  const id = await r.contracts.inbox.addSequencerBatch({ from: sequencer.address, data: carried.data, blobs: carried.blobs }, header, carried.argument);
  await r.l1.mine();
  expect(r.l1.receipt(id).status).toBe('success');
  return id;
}

describe('derivation from L1 data alone', () => {
  it('applies batches from calldata and from blobs alike, to the state a replay gives', async () => {
    const r = await rig();
    await deposit(r, eth(10));
    await post(r, [block(r, [DELAYED, tx(pay(alice, bob, eth(3), 0))])], 1);
    await post(r, [block(r, [tx(pay(alice, bob, eth(1), 1))])], 1, 'blobs');
    r.derivation.sync();
    expect(r.derivation.batches.map((b) => [b.record.dataLocation, b.outcome])).toEqual([
      ['calldata', 'applied'],
      ['blobs', 'applied'],
    ]);
    const replay = new L2State();
    replay.apply({ kind: 'deposit', to: alice.address, amountWei: eth(10) });
    replay.apply({ kind: 'transfer', from: alice.address, to: bob.address, amountWei: eth(3), nonce: 0 });
    replay.apply({ kind: 'transfer', from: alice.address, to: bob.address, amountWei: eth(1), nonce: 1 });
    expect(r.derivation.rootsAfter(2)!.stateRoot).toBe(replay.stateRoot());
    expect(r.derivation.state.account(bob.address).balanceWei).toBe(eth(4));
  });

  it('drops a transaction whose signature is not its sender’s, and keeps the rest of the batch', async () => {
    const r = await rig();
    await deposit(r, eth(10));
    const theft = pay(alice, bob, eth(9), 0);
    const forged = decodeTx(new ByteReader(encodeTx(theft.body, pay(bob, bob, 0n, 0).signature)), CHAIN);
    const honest = pay(alice, bob, eth(1), 0);
    await post(r, [block(r, [DELAYED, tx(forged), tx(honest)])], 1);
    r.derivation.sync();
    expect(r.derivation.tx(forged.hash)).toMatchObject({ status: 'failed', reason: 'bad signature' });
    expect(r.derivation.tx(honest.hash)?.status).toBe('ok');
  });

  describe('time bounds', () => {
    it('rejects a batch that lands more than delayBlocks after its origin, yet still takes in the delayed messages it read', async () => {
      const r = await rig();
      await deposit(r, eth(10));
      const origin = r.l1.head().number;
      await r.l1.skipTo(origin + RULES.delayBlocks + 1);
      const late = pay(alice, bob, eth(1), 0);
      await post(r, [block(r, [DELAYED, tx(late)], origin)], 1);
      r.derivation.sync();
      expect(r.derivation.batches[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/more than 100 blocks before inclusion/) });
      expect(r.derivation.tx(late.hash)).toBeUndefined();
      // The deposit it consumed on L1 is not lost: it still enters the chain.
      expect(r.derivation.state.account(alice.address).balanceWei).toBe(eth(10));
      expect(r.derivation.delayedInclusion(0)).toMatchObject({ status: 'ok', batch: 0 });
    });

    it('accepts a batch on the last block of its window', async () => {
      const r = await rig();
      await deposit(r, eth(10));
      const origin = r.l1.head().number;
      await r.l1.skipTo(origin + RULES.delayBlocks - 1);
      await post(r, [block(r, [DELAYED, tx(pay(alice, bob, eth(1), 0))], origin)], 1);
      r.derivation.sync();
      expect(r.derivation.batches[0]!.outcome).toBe('applied');
    });

    it('rejects a block whose origin is further ahead of the inclusion block than futureBlocks', async () => {
      const r = await rig();
      const ahead = r.l1.head().number + 1 + RULES.futureBlocks + 1;
      await post(r, [block(r, [], ahead)], 0);
      r.derivation.sync();
      expect(r.derivation.batches[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/after inclusion/) });
    });
  });

  describe('size limit', () => {
    it('rejects a batch that inflates past maxDecompressedBytes without inflating it all (a zip bomb)', async () => {
      const r = await rig();
      await deposit(r, eth(10));
      const payment = pay(alice, bob, eth(1), 0);
      const bomb = pay(alice, alice, 0n, 1, new Uint8Array(RULES.maxDecompressedBytes + 1));
      const blocks = [block(r, [DELAYED, tx(payment), tx(bomb)])];
      expect(compressPayload(encodePayload(blocks), 'zlib').length).toBeLessThan(1_000);
      await post(r, blocks, 1);
      r.derivation.sync();
      expect(r.derivation.batches[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/past the 65536-byte limit/) });
      expect(r.derivation.tx(payment.hash)).toBeUndefined();
    });

    it('drops malformed data as a rejected batch, not a crash', async () => {
      const r = await rig();
      const junk = compressPayload(new Uint8Array([1, 0, 0, 0, 9, 7]), 'none');
      const header = { sequenceNumber: 0, afterDelayedRead: 0, notBeforeBlock: 0, deadlineBlock: 0, dataHash: keccakBytes(junk) };
      await r.contracts.inbox.addSequencerBatch({ from: sequencer.address, data: junk }, header, junk);
      await r.l1.mine();
      r.derivation.sync();
      expect(r.derivation.batches[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/malformed/) });
    });
  });

  describe('forced messages in protocol order', () => {
    it('applies a delayed message where the batch places it', async () => {
      const r = await rig();
      await deposit(r, eth(5));
      const tooEarly = pay(alice, bob, eth(1), 0);
      await post(r, [block(r, [tx(tooEarly), DELAYED])], 1);
      r.derivation.sync();
      expect(r.derivation.tx(tooEarly.hash)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/insufficient/) });
      expect(r.derivation.state.account(alice.address).balanceWei).toBe(eth(5));
    });

    it('appends the delayed messages a batch read on L1 but did not place, at its end, in inbox order', async () => {
      const r = await rig();
      await deposit(r, eth(2));
      await deposit(r, eth(3), bob);
      await post(r, [block(r, [])], 2);
      r.derivation.sync();
      expect([0, 1].map((i) => r.derivation.delayedInclusion(i)?.batch)).toEqual([0, 0]);
      expect(r.derivation.state.account(bob.address).balanceWei).toBe(eth(3));
    });

    it('puts force-included messages ahead of every later batch, so a conflicting forced spend beats a soft-confirmed payment', async () => {
      const r = await rig();
      await deposit(r, eth(4));
      await post(r, [block(r, [DELAYED])], 1);
      await forced(r, alice, { action: 'withdraw', to: alice.address, amountWei: 0n, all: true });
      const sentAt = r.l1.head().number;
      await r.l1.skipTo(sentAt + 100);
      await r.contracts.inbox.forceInclusion({ from: bob.address }, 2);
      await r.l1.mine();
      const payment = pay(alice, bob, eth(4), 0);
      await post(r, [block(r, [tx(payment)])], 2);
      r.derivation.sync();
      expect(r.derivation.batches.map((b) => b.record.kind)).toEqual(['sequencer', 'forced', 'sequencer']);
      expect(r.derivation.delayedInclusion(1)).toMatchObject({ batch: 1, status: 'ok' });
      expect(r.derivation.state.withdrawals).toEqual([{ index: 0, from: alice.address, to: alice.address, amountWei: eth(4) }]);
      expect(r.derivation.tx(payment.hash)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/insufficient/) });
    });
  });

  describe('L1 reorgs', () => {
    it('forgets a batch whose block is reorged out and takes it back when it lands again', async () => {
      const r = await rig();
      await deposit(r, eth(10));
      const payment = pay(alice, bob, eth(1), 0);
      await post(r, [block(r, [DELAYED, tx(payment)])], 1);
      r.derivation.sync();
      const root = r.derivation.state.stateRoot();
      expect(r.derivation.tx(payment.hash)?.l1Block).toBe(r.l1.head().number);
      await r.l1.reorg(1);
      r.derivation.sync();
      expect(r.derivation.tx(payment.hash)).toBeUndefined();
      expect(r.derivation.batches).toHaveLength(0);
      expect(r.derivation.state.account(alice.address).balanceWei).toBe(0n);
      await r.l1.mine();
      r.derivation.sync();
      expect(r.derivation.tx(payment.hash)?.l1Block).toBe(r.l1.head().number);
      expect(r.derivation.state.stateRoot()).toBe(root);
    });

    it('follows a reorg that replaces a batch with a conflicting forced message', async () => {
      const r = await rig();
      await deposit(r, eth(4));
      await post(r, [block(r, [DELAYED])], 1);
      await forced(r, alice, { action: 'withdraw', to: alice.address, amountWei: 0n, all: true });
      await r.l1.skipTo(r.l1.head().number + 100);
      const payment = pay(alice, bob, eth(4), 0);
      const batchId = await post(r, [block(r, [tx(payment)])], 1);
      r.derivation.sync();
      expect(r.derivation.tx(payment.hash)?.status).toBe('ok');
      await r.l1.reorg(1);
      r.l1.policy.exclude(batchId, r.l1.head().number + 5);
      await r.contracts.inbox.forceInclusion({ from: alice.address }, 2);
      await r.l1.mine();
      r.derivation.sync();
      expect(r.derivation.tx(payment.hash)).toBeUndefined();
      expect(r.derivation.state.withdrawals[0]?.amountWei).toBe(eth(4));
      await r.l1.skipTo(r.l1.nextInclusionHeight() - 1);
      await r.l1.mine();
      expect(r.l1.receipt(batchId).revertReason).toMatch(/bad sequence number/);
      r.derivation.sync();
      expect(r.derivation.tx(payment.hash)).toBeUndefined();
    });

    it('ignores a reorg that gives back the same blocks', async () => {
      const r = await rig();
      await deposit(r, eth(10));
      await post(r, [block(r, [DELAYED])], 1);
      r.derivation.sync();
      const root = r.derivation.state.stateRoot();
      await r.l1.reorg(1);
      await r.l1.mine();
      r.derivation.sync();
      expect(r.derivation.batches).toHaveLength(1);
      expect(r.derivation.state.stateRoot()).toBe(root);
    });
  });

  describe('data availability', () => {
    it('stops at a batch whose data was never published', async () => {
      const r = await rig({ requireBatchData: false });
      await deposit(r, eth(10));
      const data = compressPayload(encodePayload([block(r, [DELAYED])]), 'zlib');
      await r.contracts.inbox.addSequencerBatch({ from: sequencer.address }, { sequenceNumber: 0, afterDelayedRead: 1, notBeforeBlock: 0, deadlineBlock: 0, dataHash: keccakBytes(data) }, null);
      await r.l1.mine();
      await post(r, [block(r, [])], 1);
      r.derivation.sync();
      expect(r.derivation.stalledAt).toBe(0);
      expect(r.derivation.batches.map((b) => b.outcome)).toEqual(['unavailable', 'pending']);
      expect(r.derivation.derivedBatchCount).toBe(0);
      expect(r.derivation.rootsAfter(1)).toBeUndefined();
    });

    it('keeps blob data it derived in time, while a node that starts after the retention window cannot', async () => {
      const r = await rig({ blobRetentionSeconds: 120 });
      await deposit(r, eth(10));
      await post(r, [block(r, [DELAYED])], 1, 'blobs');
      r.derivation.sync();
      await r.l1.skipTo(r.l1.head().number + 20);
      await r.l1.mine();
      r.derivation.sync();
      expect(r.derivation.batches[0]!.outcome).toBe('applied');
      const late = new Derivation(r.l1, r.contracts, RULES);
      late.sync();
      expect(late.stalledAt).toBe(0);
    });
  });
});
