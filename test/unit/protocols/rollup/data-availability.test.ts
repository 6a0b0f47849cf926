import { describe, expect, it } from 'vitest';
import { keccakBytes, type Hex } from '../../../../src/crypto/keccak.ts';
import type { BatchRecord } from '../../../../src/l1/contracts/rollup-inbox.ts';
import { BLOB_BYTES, versionedHash } from '../../../../src/l1/gas.ts';
import type { L1 } from '../../../../src/l1/L1.ts';
import { carrier, matchesCommitment, retrieveFromAnywhere, type BatchDataSource } from '../../../../src/protocols/rollup/data-availability.ts';

/** Batch data just over one blob, so that it travels as two. */
const DATA = Uint8Array.from({ length: BLOB_BYTES + 100 }, (_, i) => (i * 7 + 3) % 251);

function blobRecord(data: Uint8Array): BatchRecord {
  const blobHashes = carrier(data, 'blobs').blobs!.map(versionedHash);
  return { sequenceNumber: 0, kind: 'sequencer', prevDelayedRead: 0, afterDelayedRead: 0, dataLocation: 'blobs', dataHash: keccakBytes(new Uint8Array(0)), blobHashes, block: 1, timestamp: 12 };
}

/** Only blobs are read: a beacon node that still holds `retained` (by versioned hash), hashing as MemoryL1 does. */
function beacon(retained: ReadonlyMap<Hex, Uint8Array> = new Map()): L1 {
  return { blob: (hash: Hex) => retained.get(hash), versionedHash } as unknown as L1;
}

function source(name: string, answer: Uint8Array | undefined): BatchDataSource & { asked: number } {
  return {
    name,
    asked: 0,
    batchData() {
      this.asked++;
      return answer;
    },
  };
}

/** Byte equality without vitest's element-by-element diff of 131 kB arrays. */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
}

function tampered(data: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(data);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}

describe('retrieving batch data from L1 and off-L1 sources', () => {
  const record = blobRecord(DATA);

  it('reads blobs L1 still retains without asking anyone else', () => {
    const blobs = carrier(DATA, 'blobs').blobs!;
    const l1 = beacon(new Map(blobs.map((b) => [versionedHash(b), b])));
    const archive = source('archive', DATA);
    expect(same(retrieveFromAnywhere(l1, record, undefined, [archive]), DATA)).toBe(true);
    expect(archive.asked).toBe(0);
  });

  it('falls back to an archive once L1 has pruned the blobs, and to nothing when no one kept them', () => {
    expect(same(retrieveFromAnywhere(beacon(), record, undefined, [source('archive', DATA)]), DATA)).toBe(true);
    expect(retrieveFromAnywhere(beacon(), record, undefined, [source('empty', undefined)])).toBeUndefined();
    expect(retrieveFromAnywhere(beacon(), record, undefined, [])).toBeUndefined();
  });

  it('ignores a source that returns other data and takes the next one that matches L1\'s commitment', () => {
    const liar = source('liar', tampered(DATA, 5));
    const honest = source('honest', DATA);
    expect(same(retrieveFromAnywhere(beacon(), record, undefined, [liar, honest]), DATA)).toBe(true);
    expect([liar.asked, honest.asked]).toEqual([1, 1]);
    expect(retrieveFromAnywhere(beacon(), record, undefined, [liar])).toBeUndefined();
  });

  it('checks blobs one by one against their versioned hashes', () => {
    expect(matchesCommitment(beacon(), record, DATA)).toBe(true);
    // The first blob intact, the second altered: refused.
    expect(matchesCommitment(beacon(), record, tampered(DATA, BLOB_BYTES + 50))).toBe(false);
    // Right bytes but one blob short, or one too many: refused.
    expect(matchesCommitment(beacon(), record, DATA.subarray(0, BLOB_BYTES))).toBe(false);
    expect(matchesCommitment(beacon(), record, Uint8Array.from([...DATA, ...new Uint8Array(BLOB_BYTES)]))).toBe(false);
  });

  it('checks calldata and hash-only batches against the recorded data hash', () => {
    const small = DATA.subarray(0, 300);
    const hashed: BatchRecord = { ...record, dataLocation: 'none', dataHash: keccakBytes(small), blobHashes: [] };
    expect(matchesCommitment(beacon(), hashed, small)).toBe(true);
    expect(matchesCommitment(beacon(), hashed, tampered(small, 0))).toBe(false);
    expect(same(retrieveFromAnywhere(beacon(), hashed, undefined, [source('liar', tampered(small, 1)), source('committee', small)]), small)).toBe(true);
  });
});
