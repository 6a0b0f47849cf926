import type { Hex } from '../crypto/keccak.ts';
import { timestampOf } from '../kernel/clock.ts';
import { BLOB_BYTES } from './gas.ts';
import { pendingReceipt } from './history.ts';
import type { L1Observer, MinedBlock, TxId, TxReceipt, TxRequest } from './L1.ts';
import { Mempool, type PendingTx } from './mempool.ts';

/**
 * What both backends keep on the client side, identically: every transaction waits in the
 * mempool under the adversary's inclusion policy until a block takes it, with its receipt,
 * its blobs (served only inside the retention window) and the observers that trace it. So
 * MemoryL1 and AnvilL1 differ only in how a block executes.
 */
export class TxBook {
  readonly policy = new Mempool();
  private readonly observers: L1Observer[] = [];
  private readonly receipts = new Map<TxId, TxReceipt>();
  private readonly blobs = new Map<Hex, { data: Uint8Array; height: number }>();
  private count = 0;

  constructor(private readonly retentionSeconds: number) {}

  observe(observer: L1Observer): void {
    this.observers.push(observer);
  }

  submit(tx: TxRequest): TxId {
    for (const blob of tx.blobs ?? []) {
      if (blob.length > BLOB_BYTES) throw new Error(`blob of ${blob.length} bytes exceeds the ${BLOB_BYTES}-byte EIP-4844 blob size`);
    }
    const id = `0x${(++this.count).toString(16).padStart(8, '0')}`;
    this.policy.add(id, tx);
    this.receipts.set(id, pendingReceipt(id, tx));
    for (const o of this.observers) o.sent?.(id, tx);
    return id;
  }

  receipt(id: TxId): TxReceipt {
    const found = this.receipts.get(id);
    if (!found) throw new Error(`unknown transaction ${id}`);
    return found;
  }

  /** The transactions the policy admits at `height`, with at most `maxBlobs` blobs between them. */
  takeForBlock(height: number, maxBlobs: number): PendingTx[] {
    let blobsLeft = maxBlobs;
    return this.policy.take(height, (tx) => {
      const n = tx.request.blobs?.length ?? 0;
      if (n > blobsLeft) return false;
      blobsLeft -= n;
      return true;
    });
  }

  /** Records a mined transaction's receipt; a successful one's blobs become retrievable. */
  settle(receipt: TxReceipt, request: TxRequest, blobHashes: readonly Hex[], height: number): void {
    this.receipts.set(receipt.id, receipt);
    if (receipt.status === 'success') request.blobs?.forEach((data, i) => this.blobs.set(blobHashes[i]!, { data, height }));
  }

  /** A reorg returned these transactions: pending again, their blobs gone, back in the mempool ahead of newer ones. */
  reopen(returned: readonly PendingTx[], versionedHash: (blob: Uint8Array) => Hex): void {
    for (const tx of returned) {
      this.receipts.set(tx.id, pendingReceipt(tx.id, tx.request));
      for (const blob of tx.request.blobs ?? []) this.blobs.delete(versionedHash(blob));
    }
    this.policy.restore(returned);
  }

  blob(hash: Hex, headHeight: number): Uint8Array | undefined {
    const stored = this.blobs.get(hash);
    if (!stored) return undefined;
    const age = timestampOf(headHeight) - timestampOf(stored.height);
    return age <= this.retentionSeconds ? stored.data : undefined;
  }

  mined(block: MinedBlock): void {
    for (const o of this.observers) o.mined?.(block);
  }

  skipped(from: number, to: number): void {
    for (const o of this.observers) o.skipped?.(from, to);
  }

  reorged(depth: number, returned: TxId[]): void {
    for (const o of this.observers) o.reorged?.(depth, returned);
  }
}
