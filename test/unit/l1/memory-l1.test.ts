import { describe, expect, it } from 'vitest';
import { account } from '../../../src/crypto/accounts.ts';
import { timestampOf } from '../../../src/kernel/clock.ts';
import { BLOB_BYTES, GAS_PER_BLOB, TX_BASE_GAS, calldataGas } from '../../../src/l1/gas.ts';
import { BLOB_RETENTION_SECONDS } from '../../../src/l1/L1.ts';
import { MemoryL1 } from '../../../src/l1/memory/MemoryL1.ts';
import { noticeboard } from '../../support/noticeboard.ts';

const alice = account('alice').address;
const bob = account('bob').address;

async function setup(options = {}) {
  const l1 = new MemoryL1(options);
  const board = await l1.deploy(noticeboard, {});
  return { l1, board };
}

describe('MemoryL1 blocks and contracts', () => {
  it('mines 12-second blocks and runs calls with msg.sender and block.timestamp', async () => {
    const { l1, board } = await setup();
    const id = await board.post({ from: alice }, 'gm');
    expect(l1.receipt(id).status).toBe('pending');
    const block = await l1.mine();
    expect(block.number).toBe(1);
    expect(block.timestamp).toBe(timestampOf(1));
    expect(timestampOf(1) - timestampOf(0)).toBe(12);
    expect(l1.receipt(id).status).toBe('success');
    expect(l1.logs({ name: 'Posted' })[0]!.args).toMatchObject({ by: alice, note: 'gm', at: timestampOf(1) });
    expect(await board.posts(alice)).toBe(1);
  });

  it('undoes every write of a reverted call and reports the reason', async () => {
    const { l1, board } = await setup();
    const id = await board.fail({ from: bob });
    await l1.mine();
    expect(l1.receipt(id)).toMatchObject({ status: 'reverted', revertReason: `nobody may fail (asked by ${bob})` });
    expect(await board.total()).toBe(0);
  });

  it('skips 45,818 empty blocks in O(1) and keeps time exact', async () => {
    const { l1 } = await setup();
    await l1.skipTo(45_818);
    expect(l1.head()).toEqual({ number: 45_818, timestamp: timestampOf(45_818) });
    expect(l1.logs({})).toHaveLength(0);
  });

  it('refuses to skip over a transaction that is includable', async () => {
    const { l1, board } = await setup();
    await board.post({ from: alice }, 'x');
    await expect(l1.skipTo(10)).rejects.toThrow(/would pass over a transaction includable at 1/);
  });
});

describe('MemoryL1 reorgs', () => {
  it('a depth-k reorg removes exactly the last k blocks and re-includes their transactions', async () => {
    const { l1, board } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await board.post({ from: alice }, `n${i}`));
      await l1.mine();
    }
    expect(await board.total()).toBe(5);
    const returned = await l1.reorg(2);
    expect(l1.head().number).toBe(3);
    expect(returned).toEqual([ids[3], ids[4]]);
    expect(await board.total()).toBe(3);
    expect(l1.logs({ name: 'Posted' })).toHaveLength(3);
    expect(l1.receipt(ids[4]!).status).toBe('pending');
    const again = await l1.mine();
    expect(again.number).toBe(4);
    expect(again.txs.map((t) => t.id)).toEqual([ids[3], ids[4]]);
    expect(await board.total()).toBe(5);
  });

  it('lets the policy keep a reorged-out transaction out of the new chain', async () => {
    const { l1, board } = await setup();
    const victim = await board.post({ from: alice }, 'pay merchant');
    await l1.mine();
    await l1.reorg(1);
    l1.policy.exclude(victim, 10);
    const replacement = await l1.mine();
    expect(replacement.txs).toHaveLength(0);
    expect(l1.nextInclusionHeight()).toBe(11);
  });

  it('still reorgs exactly after old undo entries of finalized blocks were forgotten', async () => {
    const { l1, board } = await setup({ finalityDepthBlocks: 8 });
    for (let i = 0; i < 6_000; i++) {
      await board.post({ from: alice }, 'n');
      await l1.mine();
    }
    await l1.reorg(3);
    expect(await board.total()).toBe(5_997);
    expect(await board.posts(alice)).toBe(5_997);
  });

  it('never moves finality back: successive reorgs cannot reach a block that was final', async () => {
    const { l1 } = await setup({ finalityDepthBlocks: 4 });
    await l1.skipTo(20);
    expect(l1.finalized().number).toBe(16);
    await l1.reorg(3);
    expect(l1.head().number).toBe(17);
    expect(l1.finalized().number).toBe(16);
    await expect(l1.reorg(2)).rejects.toThrow(/past finality/);
    await l1.reorg(1);
    expect(l1.head().number).toBe(16);
  });

  it('cannot reorg past finality', async () => {
    const { l1 } = await setup({ finalityDepthBlocks: 2 });
    await l1.skipTo(10);
    await expect(l1.reorg(3)).rejects.toThrow(/past finality/);
    expect(l1.finalized().number).toBe(8);
  });
});

describe('MemoryL1 inclusion policy', () => {
  it('censorship delays a sender within its budget and releases after it', async () => {
    const { l1, board } = await setup();
    l1.policy.censor(alice, 5);
    const held = await board.post({ from: alice }, 'exit');
    const free = await board.post({ from: bob }, 'other');
    const first = await l1.mine();
    expect(first.txs.map((t) => t.id)).toEqual([free]);
    expect(l1.nextInclusionHeight()).toBe(6);
    await l1.skipTo(5);
    const released = await l1.mine();
    expect(released.number).toBe(6);
    expect(released.txs.map((t) => t.id)).toEqual([held]);
  });

  it('a fee floor holds back low bids until congestion ends', async () => {
    const { l1, board } = await setup();
    l1.policy.congest(100_000_000_000n, 3);
    const cheap = await board.post({ from: alice, maxFeePerGas: 20_000_000_000n }, 'cheap');
    const rich = await board.post({ from: bob, maxFeePerGas: 200_000_000_000n }, 'rich');
    expect((await l1.mine()).txs.map((t) => t.id)).toEqual([rich]);
    expect(l1.nextInclusionHeight()).toBe(4);
    expect(cheap).toBeDefined();
  });

  it('puts a prioritized sender first (front-running)', async () => {
    const { l1, board } = await setup();
    const honest = await board.post({ from: alice }, 'first come');
    const adversary = await board.post({ from: bob }, 'cut in');
    l1.policy.prioritize(bob);
    expect((await l1.mine()).txs.map((t) => t.id)).toEqual([adversary, honest]);
  });
});

describe('MemoryL1 gas and blobs', () => {
  it('meters calldata at EIP-2028 prices and blobs at the blob base fee', async () => {
    const { l1, board } = await setup();
    const data = new Uint8Array([0, 0, 0, 9, 9]);
    const id = await board.post({ from: alice, data, blobs: [new Uint8Array(1000).fill(1), new Uint8Array(10)] }, 'batch');
    await l1.mine();
    const r = l1.receipt(id);
    expect(calldataGas(data)).toBe(3n * 4n + 2n * 16n);
    expect(r.gasUsed - TX_BASE_GAS - 50_000n).toBe(calldataGas(data));
    expect(r.blobGasUsed).toBe(2n * GAS_PER_BLOB);
    expect(r.feeWei).toBe(r.gasUsed * 10_000_000_000n + 2n * GAS_PER_BLOB * 1n);
  });

  it('serves blob data inside the retention window and nothing after it', async () => {
    const { l1, board } = await setup();
    const blob = new Uint8Array(64).fill(42);
    await board.post({ from: alice, blobs: [blob] }, 'batch');
    await l1.mine();
    const [hash] = (await board.lastBlobHashes()) as `0x${string}`[];
    expect(hash!.startsWith('0x01')).toBe(true);
    const retentionBlocks = BLOB_RETENTION_SECONDS / 12;
    await l1.skipTo(1 + retentionBlocks);
    expect(l1.blob(hash!)).toEqual(blob);
    await l1.skipTo(2 + retentionBlocks);
    expect(l1.blob(hash!)).toBeUndefined();
  });

  it('rejects a blob larger than 131,072 bytes and caps blobs per block', async () => {
    const { l1, board } = await setup();
    await expect(board.post({ from: alice, blobs: [new Uint8Array(BLOB_BYTES + 1)] }, 'x')).rejects.toThrow(/exceeds the 131072-byte/);
    const six = Array.from({ length: 6 }, () => new Uint8Array(8));
    const a = await board.post({ from: alice, blobs: six }, 'a');
    const b = await board.post({ from: bob, blobs: six }, 'b');
    expect((await l1.mine()).txs.map((t) => t.id)).toEqual([a]);
    expect((await l1.mine()).txs.map((t) => t.id)).toEqual([b]);
    expect(l1.blobBaseFee()).toBeGreaterThanOrEqual(1n);
  });
});
