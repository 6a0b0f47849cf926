import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from '../../src/crypto/accounts.ts';
import { keccakBytes, ZERO_HASH } from '../../src/crypto/keccak.ts';
import { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import { delayedInbox } from '../../src/l1/contracts/delayed-inbox.ts';
import { rollupInbox, type BatchHeader, type RollupInboxFacade } from '../../src/l1/contracts/rollup-inbox.ts';
import type { Deployed } from '../../src/l1/L1.ts';
import { versionedHash as modelVersionedHash } from '../../src/l1/gas.ts';
import { eth } from '../../src/l1/units.ts';

/**
 * EIP-4844 on anvil: a blob batch is a real type-3 transaction, so the inbox contract reads
 * the blobs' versioned hashes with BLOBHASH — KZG hashes, the ones `l1.versionedHash`
 * gives and `l1.blob` serves the data by — and the node's blob fee leaves no trace in balances.
 */
const sequencer = account('sequencer').address;
const header = (sequenceNumber: number): BatchHeader => ({ sequenceNumber, afterDelayedRead: 0, notBeforeBlock: 0, deadlineBlock: 0, dataHash: ZERO_HASH });
const BLOBS = [Uint8Array.from([1, 2, 3]), new Uint8Array(131_072).fill(0xff)];

describe('blob transactions on anvil', () => {
  let l1: AnvilL1;
  let inbox: Deployed<RollupInboxFacade>;

  beforeAll(async () => {
    l1 = await AnvilL1.start();
    await l1.fund(sequencer, eth(1));
    const delayed = await l1.deploy(delayedInbox, { deployer: sequencer });
    inbox = await l1.deploy(rollupInbox, { sequencer, delayedInbox: delayed.address, forceInclusionDelayBlocks: 10, delayBuffer: null, forcedInclusion: true, requireBatchData: true });
  }, 120_000);
  afterAll(async () => {
    await l1?.close();
  });

  it('lands a blob batch whose recorded hashes are the KZG versioned hashes of its blobs, data served by them', async () => {
    const before = await l1.balanceOf(sequencer);
    const id = await inbox.addSequencerBatch({ from: sequencer, blobs: BLOBS }, header(0), null);
    const block = await l1.mine();
    expect(l1.receipt(id)).toMatchObject({ status: 'success', blobGasUsed: 2n * 131_072n });
    expect(block.blobGasUsed).toBe(2n * 131_072n);
    const record = (await inbox.batch(0))!;
    const hashes = BLOBS.map((b) => l1.versionedHash(b));
    expect(record).toMatchObject({ dataLocation: 'blobs', blobHashes: hashes });
    // KZG hashes (version byte 0x01), not the in-memory model's keccak-based ones.
    expect(hashes.every((h) => h.startsWith('0x01'))).toBe(true);
    expect(hashes).not.toEqual(BLOBS.map(modelVersionedHash));
    expect(new Set(hashes).size).toBe(2);
    expect(hashes.map((h) => l1.blob(h))).toEqual(BLOBS);
    expect(await l1.balanceOf(sequencer)).toBe(before);
  }, 120_000);

  it('returns a reorged blob batch to the mempool, its blobs gone until it lands again', async () => {
    const id = await inbox.addSequencerBatch({ from: sequencer, blobs: [Uint8Array.from([9])] }, header(1), null);
    await l1.mine();
    const hash = l1.versionedHash(Uint8Array.from([9]));
    expect(l1.blob(hash)).toEqual(Uint8Array.from([9]));
    expect(await l1.reorg(1)).toEqual([id]);
    expect(l1.blob(hash)).toBeUndefined();
    await l1.mine();
    expect(l1.receipt(id).status).toBe('success');
    expect((await inbox.batch(1))!.blobHashes).toEqual([hash]);
    expect(keccakBytes(l1.blob(hash)!)).toBe(keccakBytes(Uint8Array.from([9])));
  }, 120_000);
});
