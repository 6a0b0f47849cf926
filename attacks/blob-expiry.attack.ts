import { defineAttack, violated } from '../src/kernel/attack.ts';
import type { World } from '../src/kernel/world.ts';
import type { BatchRecord } from '../src/l1/contracts/rollup-inbox.ts';
import { eth } from '../src/l1/units.ts';
import { BLOB_ARCHIVE_ASSUMPTION, BLOB_RETENTION_BLOCKS } from '../src/protocols/rollup/blob-archive.ts';
import { rollupOf, type RollupSession } from '../src/protocols/rollup/session.ts';

/** The late user: runs its own node, which is off while its balance is posted. */
export const LATE_USER = 'dave';

/**
 * A user deposits, is paid, and turns its own node off; the batches carrying its balance
 * go to L1 as EIP-4844 blobs. It comes back after the consensus layer pruned them, with no
 * copy of its own, just as the operator disappears. Its exit needs a Merkle proof of its
 * withdrawal against a final root, and that proof needs the full L2 state — which needs
 * the batch data. A final root covering its balance is not enough: the root is a hash.
 * With a blob archive it rebuilds the state and exits; with nobody keeping blobs its funds
 * stay in the bridge. That is every blob-posting rollup's stated assumption, not a bug.
 * On calldata presets the data is on L1 forever and the attack is defended either way.
 */
export default defineAttack({
  name: 'blob-expiry',
  summary: "a user who kept no copy returns after the blob retention window: it exits only if someone archived the batch blobs",
  references: [
    'consensus-specs configs/mainnet.yaml: MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS = 4,096 epochs (≈ 18.2 days); EIP-4844 blob pruning',
    'Arbitrum Nitro v2.3.0 release notes: syncing a node from scratch, or from a database older than 18 days, needs a beacon RPC that serves historical blobs',
    'OP Stack op-node --l1.beacon-archiver: a beacon-API endpoint for blobs the beacon node has pruned (optimism PR #10269)',
  ],
  targets: {
    optimistic: {
      secure: 'defended',
      'no-blob-archive': violated('l1-recoverability', { assumption: BLOB_ARCHIVE_ASSUMPTION }),
    },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    const p = rollup.params;
    const late = await rollup.enlistWithOwnNode(world, LATE_USER);
    await late.deposit(world, eth(10));
    // Long enough for a deposit or payment to be batched and posted (as the workload waits).
    const landed = world.l1.finalityDepth + p.batchIntervalBlocks + 2;
    // Its node is off from now until it comes back for its funds, after the blobs carrying them are pruned.
    const backAt = world.height + 2 * landed + BLOB_RETENTION_BLOCKS + 1;
    world.setOffline(late.name, backAt);
    await world.step('note', late.name, `turns its node off and keeps no copy of the chain: back at L1 block ${backAt}, past the blob retention window`);
    await world.advance(landed);
    await rollup.users[0]!.pay(world, late.address, eth(1));
    await world.advance(landed);
    await world.advanceTo(backAt);
    await noteExpiry(world, deliveredBatches(world, rollup));
  },
});

/** Inbox entries carrying data, as L1's events list them. */
function deliveredBatches(world: World, rollup: RollupSession): BatchRecord[] {
  return world.l1
    .logs({ contract: rollup.contracts.inbox.address, name: 'SequencerBatchDelivered' })
    .map((l) => l.args as unknown as BatchRecord)
    .filter((r) => r.dataLocation !== 'none' && r.kind === 'sequencer');
}

/** Says, from L1 itself, how many of those batches' blobs it still serves: none, once the window has passed. */
async function noteExpiry(world: World, batches: readonly BatchRecord[]): Promise<void> {
  const blobs = batches.flatMap((b) => b.blobHashes);
  const served = blobs.filter((h) => world.l1.blob(h) !== undefined).length;
  const calldata = batches.filter((b) => b.dataLocation === 'calldata').length;
  await world.step('note', 'l1', `L1 still serves ${served} of the ${blobs.length} blobs posted so far${calldata > 0 ? `; ${calldata} calldata batches stay on L1 forever` : ''}`, { served, blobs: blobs.length, calldata });
}
