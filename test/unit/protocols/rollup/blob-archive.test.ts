import { describe, expect, it } from 'vitest';
import { BLOB_RETENTION_BLOCKS } from '../../../../src/protocols/rollup/blob-archive.ts';
import type { BatchRecord } from '../../../../src/l1/contracts/rollup-inbox.ts';
import { matchesCommitment } from '../../../../src/protocols/rollup/data-availability.ts';
import { fundUsers, rollupRig, untilPostedAndFinal, type RollupRig } from './rig.ts';

function blobBatches(rig: RollupRig): BatchRecord[] {
  return rig.world.l1
    .logs({ contract: rig.rollup.contracts.inbox.address, name: 'SequencerBatchDelivered' })
    .map((l) => l.args as unknown as BatchRecord)
    .filter((r) => r.dataLocation === 'blobs');
}

/** Funds the users, lets the batches land, then waits until L1 has pruned their blobs. */
async function pastRetention(rig: RollupRig): Promise<BatchRecord[]> {
  await fundUsers(rig);
  await untilPostedAndFinal(rig);
  const batches = blobBatches(rig);
  await rig.world.advance(BLOB_RETENTION_BLOCKS + 1);
  expect(batches.length).toBeGreaterThan(0);
  expect(batches.flatMap((b) => b.blobHashes).every((h) => rig.world.l1.blob(h) === undefined)).toBe(true);
  return batches;
}

describe('blob archive', () => {
  it('copies batch blobs while L1 retains them and serves them, verifiably, after L1 has pruned them', async () => {
    const rig = await rollupRig('secure');
    const [archive] = rig.rollup.archives;
    const batches = await pastRetention(rig);
    for (const record of batches) {
      const data = archive!.batchData(record);
      expect(data && matchesCommitment(rig.world.l1, record, data)).toBe(true);
    }
  });

  it('lets a node that starts after the retention window rebuild the same chain as the node that followed it', async () => {
    const rig = await rollupRig('secure');
    await pastRetention(rig);
    const late = await rig.rollup.enlistWithOwnNode(rig.world, 'dave');
    late.node.sync();
    rig.rollup.derivation.sync();
    expect(late.node.stalledAt).toBeUndefined();
    expect(late.node.state.stateRoot()).toBe(rig.rollup.derivation.state.stateRoot());
  });

  it('leaves such a node stuck at the first blob batch when nobody archives', async () => {
    const rig = await rollupRig('no-blob-archive');
    expect(rig.rollup.archives).toEqual([]);
    const [first] = await pastRetention(rig);
    const late = await rig.rollup.enlistWithOwnNode(rig.world, 'dave');
    late.node.sync();
    expect(late.node.stalledAt).toBe(first!.sequenceNumber);
    expect(late.node.batches[first!.sequenceNumber]!.reason).toBe("its blobs are past L1's retention window and this node knows no one who kept them");
  });

  it('backfills what L1 still retains after being down, but cannot recover blobs pruned while it was away', async () => {
    const briefly = await rollupRig('secure');
    briefly.world.setOffline('blob-archive', briefly.world.height + 1_000);
    const batches = await pastRetention(briefly);
    expect(batches.every((r) => briefly.rollup.archives[0]!.batchData(r) !== undefined)).toBe(true);

    const tooLong = await rollupRig('secure');
    tooLong.world.setOffline('blob-archive', tooLong.world.height + 2 * BLOB_RETENTION_BLOCKS);
    await pastRetention(tooLong);
    await tooLong.world.advance(BLOB_RETENTION_BLOCKS);
    expect(tooLong.rollup.archives[0]!.size).toBe(0);
  });

  it('exists only where batches go to blobs, as many as the preset declares', async () => {
    expect((await rollupRig('secure', { dataAvailability: 'calldata' })).rollup.archives).toEqual([]);
    expect((await rollupRig('secure', { blobArchivers: 2 })).rollup.archives.map((a) => a.name)).toEqual(['blob-archive-1', 'blob-archive-2']);
  });
});
