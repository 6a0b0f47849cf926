import { keccakBytes } from '../../crypto/keccak.ts';
import { BLOB_BYTES } from '../../l1/gas.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import type { L1 } from '../../l1/L1.ts';

/** Where batch data is published: calldata (16/4 gas a byte, kept forever) or EIP-4844 blobs (cheap, pruned after ~18 days). */
export type DataAvailability = 'calldata' | 'blobs';

/** Arbitrum's batch poster caps calldata batches near 100 kB (L1 transaction size limits). */
export const MAX_CALLDATA_BATCH_BYTES = 100_000;
/** Blobs per batch transaction: Arbitrum posts up to six, under Prague's nine per block. */
export const MAX_BLOBS_PER_BATCH = 6;

export function maxPostedBytes(mode: DataAvailability): number {
  return mode === 'calldata' ? MAX_CALLDATA_BATCH_BYTES : MAX_BLOBS_PER_BATCH * BLOB_BYTES;
}

/** What the batch transaction carries: the data as calldata, or cut into blobs (the model stores blob bytes unpadded). */
export function carrier(data: Uint8Array, mode: DataAvailability): { data?: Uint8Array; blobs?: Uint8Array[]; argument: Uint8Array | null } {
  if (mode === 'calldata') return { data, argument: data };
  const blobs: Uint8Array[] = [];
  for (let offset = 0; offset < data.length; offset += BLOB_BYTES) blobs.push(data.subarray(offset, offset + BLOB_BYTES));
  return { blobs: blobs.length > 0 ? blobs : [new Uint8Array(0)], argument: null };
}

/**
 * Reads a batch's data back from L1 alone: calldata from the batch's SequencerBatchData
 * event, blobs from the beacon chain while they are retained. Undefined when nobody can
 * get it — a hash-only batch, or blobs past their retention window.
 */
export function retrieveBatchData(l1: L1, record: BatchRecord, calldata: Uint8Array | undefined): Uint8Array | undefined {
  switch (record.dataLocation) {
    case 'calldata':
      return calldata !== undefined && keccakBytes(calldata) === record.dataHash ? calldata : undefined;
    case 'blobs':
      return joinBlobs(record.blobHashes.map((h) => l1.blob(h)));
    case 'none':
      return undefined;
  }
}

/** A batch's data from its blobs in order; undefined if any one of them is missing. */
export function joinBlobs(parts: ReadonlyArray<Uint8Array | undefined>): Uint8Array | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const out = new Uint8Array(parts.reduce((n, p) => n + p!.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p!, offset);
    offset += p!.length;
  }
  return out;
}

/**
 * Somewhere off L1 that may still hold a batch's data: a data-availability committee
 * member, a blob archiver, a user's own copy. Only ever consulted after L1 itself cannot
 * serve the data, and what it returns is checked against the commitment L1 recorded, so a
 * source can withhold data but never substitute other data.
 */
export interface BatchDataSource {
  readonly name: string;
  batchData(record: BatchRecord): Uint8Array | undefined;
}

/** L1 first, then each source in order; a source's answer counts only if it matches what L1 committed to. */
export function retrieveFromAnywhere(l1: L1, record: BatchRecord, calldata: Uint8Array | undefined, sources: readonly BatchDataSource[]): Uint8Array | undefined {
  const onL1 = retrieveBatchData(l1, record, calldata);
  if (onL1 !== undefined) return onL1;
  for (const source of sources) {
    const data = source.batchData(record);
    if (data !== undefined && matchesCommitment(l1, record, data)) return data;
  }
  return undefined;
}

/** Blobs are checked blob by blob against their versioned hashes, everything else against the recorded data hash. */
export function matchesCommitment(l1: L1, record: BatchRecord, data: Uint8Array): boolean {
  if (record.dataLocation !== 'blobs') return keccakBytes(data) === record.dataHash;
  const { blobs } = carrier(data, 'blobs');
  // The backend's versioned hash: keccak-based in memory, KZG on anvil.
  return blobs!.length === record.blobHashes.length && blobs!.every((blob, i) => l1.versionedHash(blob) === record.blobHashes[i]);
}
