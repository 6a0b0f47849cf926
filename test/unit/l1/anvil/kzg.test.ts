import { sha256 } from 'ethers';
import { describe, expect, it } from 'vitest';
import { kzgVersionedHash, readsBlobHashes, sidecarOf, ZERO_BLOB_SIDECAR } from '../../../../src/l1/anvil/kzg.ts';
import { versionedHash } from '../../../../src/l1/gas.ts';

describe('KZG blobs for anvil', () => {
  it('gives each model blob a real sidecar whose versioned hash is sha256 of its commitment, version 0x01', () => {
    const sidecar = sidecarOf(Uint8Array.from([1, 2, 3]));
    expect(sidecar.versionedHash).toBe(`0x01${sha256(sidecar.commitment).slice(4)}`);
    expect(sidecar.versionedHash).toBe(kzgVersionedHash(Uint8Array.from([1, 2, 3])));
    expect(sidecar.data.length).toBe(2 + 2 * 131_072);
    expect(sidecar.proof).toMatch(/^0x[0-9a-f]{96}$/);
  }, 60_000); // the native library loads its trusted setup on first use

  it('tells different model blobs apart, including ones that differ only in length, and differs from the in-memory hash', () => {
    const hashes = [Uint8Array.from([]), Uint8Array.from([0]), Uint8Array.from([0, 0]), new Uint8Array(131_072).fill(1)].map(kzgVersionedHash);
    expect(new Set(hashes).size).toBe(4);
    expect(kzgVersionedHash(Uint8Array.from([0]))).not.toBe(versionedHash(Uint8Array.from([0])));
  });

  it('warms the node up with the all-zero blob (commitment: the point at infinity), never a model blob\'s carrier', () => {
    expect(sidecarOf(new Uint8Array(0)).versionedHash).not.toBe(ZERO_BLOB_SIDECAR.versionedHash);
    expect(ZERO_BLOB_SIDECAR.commitment).toBe(`0xc0${'00'.repeat(47)}`);
  });

  it('finds BLOBHASH in EVM code, but not inside PUSH data', () => {
    expect(readsBlobHashes('0x5f495f5500')).toBe(true);
    expect(readsBlobHashes('0x6049600055')).toBe(false);
    expect(readsBlobHashes('0x7f' + '49'.repeat(32) + '00')).toBe(false);
  });
});
