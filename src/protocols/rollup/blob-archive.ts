import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import { BLOB_RETENTION_SECONDS, type L1, type MinedBlock } from '../../l1/L1.ts';
import { L1_BLOCK_SECONDS } from '../../kernel/clock.ts';
import { joinBlobs, type BatchDataSource } from './data-availability.ts';

/** The consensus layer's blob retention in L1 blocks: 4,096 epochs of 32 slots (≈ 18.2 days). */
export const BLOB_RETENTION_BLOCKS = BLOB_RETENTION_SECONDS / L1_BLOCK_SECONDS;

/** What a rollup posting blobs assumes for a user who needs the data later and kept no copy. */
export const BLOB_ARCHIVE_ASSUMPTION = 'someone archives blob data past the 4,096-epoch (≈ 18-day) retention window and serves it to anyone';

/** The blob archive assumption where batches go to blobs; none with calldata, which L1 keeps forever. */
export function blobAssumptions(params: { readonly dataAvailability: 'calldata' | 'blobs' }): string[] {
  return params.dataAvailability === 'blobs' ? [BLOB_ARCHIVE_ASSUMPTION] : [];
}

/**
 * A third party that keeps batch blobs after the consensus layer prunes them (4,096 epochs,
 * about 18 days): a block explorer, a blob archive, an archive beacon node. It is the
 * assumption every rollup posting blobs states — someone keeps the data — made into a
 * party that can be present or not. While L1 still serves a batch's blobs it copies them,
 * keyed by versioned hash; later it serves them to anyone. Whoever asks checks each blob
 * against the versioned hash L1 recorded, so an archive can fail to answer but never lie.
 */
export class BlobArchive implements Actor, BatchDataSource {
  readonly role = 'honest' as const;
  private readonly blobs = new Map<Hex, Uint8Array>();
  /** The newest L1 block whose batches it has looked at. */
  private cursor = 0;

  constructor(
    readonly name: string,
    private readonly l1: L1,
    private readonly inbox: { readonly address: Address },
  ) {
    // Skipped blocks are empty: an archive that was caught up stays caught up. A reorg takes
    // back blocks it looked at, and their batches may land again in the blocks that follow.
    l1.observe({
      skipped: (from, to) => {
        if (this.cursor >= from) this.cursor = Math.max(this.cursor, to);
      },
      reorged: () => {
        this.cursor = Math.min(this.cursor, l1.head().number);
      },
    });
  }

  /** Reads the new block's batches; an archive that was down first backfills whatever L1 still retains. */
  async onBlock(_world: World, block: MinedBlock): Promise<void> {
    const logs = block.number === this.cursor + 1 ? block.txs.flatMap((t) => t.logs) : this.l1.logs({ contract: this.inbox.address, fromBlock: this.cursor + 1 });
    for (const log of logs) if (log.contract === this.inbox.address && log.name === 'SequencerBatchDelivered') this.copy(log.args as unknown as BatchRecord);
    this.cursor = Math.max(this.cursor, block.number);
  }

  /** Blobs held, for figures and tests. */
  get size(): number {
    return this.blobs.size;
  }

  batchData(record: BatchRecord): Uint8Array | undefined {
    if (record.dataLocation !== 'blobs') return undefined;
    return joinBlobs(record.blobHashes.map((h) => this.blobs.get(h)));
  }

  private copy(record: BatchRecord): void {
    if (record.dataLocation !== 'blobs') return;
    for (const hash of record.blobHashes) {
      if (this.blobs.has(hash)) continue;
      const blob = this.l1.blob(hash);
      if (blob !== undefined) this.blobs.set(hash, blob);
    }
  }
}
