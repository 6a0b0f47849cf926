import { AbiCoder, keccak256, solidityPackedKeccak256 } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keccakText, ZERO_HASH, type Hex } from '../../../src/crypto/keccak.ts';
import { abiEncode, hashLeaf, hashPair, MerkleTree, rootFromProof, verifyMerkleProof, zeroHash } from '../../../src/crypto/merkle.ts';

const leafOf = (i: number): Hex => keccakText(`leaf ${i}`);

/** The root by definition: hash every level of a full 2^depth leaf array. */
function naiveRoot(leaves: readonly Hex[], depth: number): Hex {
  let level: Hex[] = Array.from({ length: 2 ** depth }, (_, i) => leaves[i] ?? ZERO_HASH);
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => hashPair(level[2 * i]!, level[2 * i + 1]!));
  return level[0]!;
}

describe('abi encoding of leaves', () => {
  it('matches Solidity abi.encode(address, uint256, uint256) byte for byte', () => {
    const address = '0x00000000000000000000000000000000000000aa' as Hex;
    const ours = abiEncode([address, 5n * 10n ** 18n, 7]);
    const theirs = AbiCoder.defaultAbiCoder().encode(['address', 'uint256', 'uint256'], [address, 5n * 10n ** 18n, 7]);
    expect(`0x${Buffer.from(ours).toString('hex')}`).toBe(theirs);
    expect(hashLeaf([address, 5n * 10n ** 18n, 7])).toBe(keccak256(theirs));
  });

  it('hashes inner nodes as keccak256(abi.encodePacked(bytes32, bytes32))', () => {
    const [a, b] = [leafOf(1), leafOf(2)];
    expect(hashPair(a, b)).toBe(solidityPackedKeccak256(['bytes32', 'bytes32'], [a, b]));
  });

  it('decodes upper- and lower-case hex alike and rejects a node that is not hex', () => {
    const [a, b] = [leafOf(1), leafOf(2)];
    expect(hashPair(a.toUpperCase().replace('0X', '0x') as Hex, b)).toBe(hashPair(a, b));
    expect(() => hashPair(`0x${'zz'.repeat(32)}`, b)).toThrow(/not a hex digit/);
    expect(() => abiEncode(['0x12g4' as Hex])).toThrow(/not a hex digit/);
  });

  it('rejects words that do not fit in 32 bytes', () => {
    expect(() => abiEncode([1n << 256n])).toThrow(/out of range/);
    expect(() => abiEncode([-1n])).toThrow(/out of range/);
  });
});

describe('MerkleTree', () => {
  it('has the empty-subtree root before any leaf is set', () => {
    expect(new MerkleTree(8).root()).toBe(zeroHash(8));
    expect(zeroHash(1)).toBe(hashPair(ZERO_HASH, ZERO_HASH));
  });

  it('computes the same root as hashing every level, whatever order leaves are set in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 31 }), fc.nat({ max: 1000 })), { maxLength: 40 }), (writes) => {
        const tree = new MerkleTree(5);
        const leaves: Hex[] = [];
        for (const [index, value] of writes) {
          tree.set(index, leafOf(value));
          leaves[index] = leafOf(value);
          if (value % 3 === 0) tree.root(); // interleave lazy refreshes with writes
        }
        expect(tree.root()).toBe(naiveRoot(leaves, 5));
      }),
      { numRuns: 60 },
    );
  });

  it('proves every leaf, and a proof fails for another leaf, index or root', () => {
    const tree = new MerkleTree(6);
    for (let i = 0; i < 11; i++) tree.set(i, leafOf(i));
    const root = tree.root();
    for (let i = 0; i < 11; i++) expect(verifyMerkleProof(root, leafOf(i), i, tree.proof(i), 6)).toBe(true);
    const proof = tree.proof(3);
    expect(verifyMerkleProof(root, leafOf(4), 3, proof, 6)).toBe(false);
    expect(verifyMerkleProof(root, leafOf(3), 2, proof, 6)).toBe(false);
    expect(verifyMerkleProof(leafOf(99), leafOf(3), 3, proof, 6)).toBe(false);
    expect(verifyMerkleProof(root, ZERO_HASH, 40, tree.proof(40), 6)).toBe(true);
  });

  it('refuses proofs of the wrong length, so an inner node cannot pass for a leaf', () => {
    const tree = new MerkleTree(4);
    for (let i = 0; i < 4; i++) tree.set(i, leafOf(i));
    const root = tree.root();
    const inner = hashPair(leafOf(0), leafOf(1));
    const shortProof = tree.proof(0).slice(1);
    expect(rootFromProof(inner, 0, shortProof)).toBe(root);
    expect(verifyMerkleProof(root, inner, 0, shortProof, 4)).toBe(false);
  });

  it('keeps old roots of an append-only tree provable after it grows', () => {
    const tree = new MerkleTree(5);
    const roots: Hex[] = [];
    for (let i = 0; i < 13; i++) {
      tree.set(i, leafOf(i));
      roots.push(tree.root());
    }
    for (let size = 1; size <= 13; size++) {
      expect(tree.rootAtSize(size)).toBe(roots[size - 1]);
      for (let i = 0; i < size; i++) expect(verifyMerkleProof(roots[size - 1]!, leafOf(i), i, tree.proofAtSize(i, size), 5)).toBe(true);
    }
  });

  it('truncates back to an earlier size with the earlier root', () => {
    const tree = new MerkleTree(5);
    for (let i = 0; i < 6; i++) tree.set(i, leafOf(i));
    const atSix = tree.root();
    for (let i = 6; i < 17; i++) tree.set(i, leafOf(i));
    tree.truncate(6);
    expect(tree.size).toBe(6);
    expect(tree.root()).toBe(atSix);
    tree.truncate(0);
    expect(tree.root()).toBe(zeroHash(5));
  });

  it('clones independently: writes to the copy leave the original root alone', () => {
    const tree = new MerkleTree(4);
    tree.set(0, leafOf(0));
    const before = tree.root();
    const copy = tree.clone();
    copy.set(1, leafOf(1));
    expect(tree.root()).toBe(before);
    expect(copy.root()).not.toBe(before);
  });
});
