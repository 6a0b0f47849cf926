import { keccakBytes, ZERO_HASH, type Hex } from './keccak.ts';

/**
 * Fixed-depth keccak Merkle trees over indexed leaves, with inclusion proofs an L1
 * contract can check. Everything is shaped for the Solidity twin: a leaf is keccak of
 * `abi.encode` of static words, an inner node is `keccak256(abi.encodePacked(left, right))`,
 * an empty leaf is bytes32(0), and a proof is the sibling list from the leaf upwards,
 * the leaf's index choosing left or right at each level (bit i set: the node is a right child).
 */

/** A static ABI word: an address or bytes32 as hex, or a uint. */
export type AbiWord = Hex | bigint | number;

/** `abi.encode` of static words: each left-padded to 32 bytes (addresses and uints alike). */
export function abiEncode(words: readonly AbiWord[]): Uint8Array {
  const out = new Uint8Array(32 * words.length);
  words.forEach((word, i) => writeWord(out, 32 * i, word));
  return out;
}

/** keccak256(abi.encode(words)): the leaf hash of a record. */
export function hashLeaf(words: readonly AbiWord[]): Hex {
  return keccakBytes(abiEncode(words));
}

const pair = Buffer.alloc(64);

/** keccak256(abi.encodePacked(left, right)). */
export function hashPair(left: Hex, right: Hex): Hex {
  // Keyed by each child on its own, not by left + right: a string caches its own hash,
  // while a concatenation would be flattened and hashed anew on every lookup.
  let byRight = pairs.get(left);
  let node = byRight?.get(right);
  if (node === undefined) {
    writeHex(pair, 0, left);
    writeHex(pair, 32, right);
    node = keccakBytes(pair);
    if (++pairCount > PAIR_MEMO_LIMIT) {
      pairs.clear();
      pairCount = 1;
      byRight = undefined;
    }
    if (!byRight) pairs.set(left, (byRight = new Map()));
    byRight.set(right, node);
  }
  return node;
}

/**
 * Inner nodes by their children. A pure function, and most calls repeat one already made:
 * every fuzz run rebuilds the same genesis and deposit trees, and a root recomputed after
 * a small change rehashes untouched siblings' parents (over half of a rollup campaign's
 * calls). Bounded so a long campaign's memory stays flat.
 */
const pairs = new Map<Hex, Map<Hex, Hex>>();
let pairCount = 0;
const PAIR_MEMO_LIMIT = 1 << 14;

const zeroCache: Hex[] = [ZERO_HASH];

/** The root of an empty subtree of height `level` (zeroHash(0) is the empty leaf). */
export function zeroHash(level: number): Hex {
  while (zeroCache.length <= level) {
    const below = zeroCache[zeroCache.length - 1]!;
    zeroCache.push(hashPair(below, below));
  }
  return zeroCache[level]!;
}

/** The root a leaf and its siblings imply: what a verifier recomputes. Pure. */
export function rootFromProof(leaf: Hex, index: number, siblings: readonly Hex[]): Hex {
  let node = leaf;
  let position = index;
  for (const sibling of siblings) {
    node = position % 2 === 0 ? hashPair(node, sibling) : hashPair(sibling, node);
    position = Math.floor(position / 2);
  }
  return node;
}

/**
 * The check an L1 contract makes: `leaf` sits at `index` under `root` in a tree of
 * `depth` levels. The depth is the verifier's, never the prover's, so a short proof of an
 * inner node cannot pass for a leaf.
 */
export function verifyMerkleProof(root: Hex, leaf: Hex, index: number, siblings: readonly Hex[], depth: number): boolean {
  if (siblings.length !== depth || !Number.isSafeInteger(index) || index < 0 || index >= 2 ** depth) return false;
  return rootFromProof(leaf, index, siblings) === root.toLowerCase();
}

/**
 * A tree whose root is computed lazily: `set` only marks a path dirty, and `root()`
 * rehashes each dirty node once, so a batch of a thousand transfers among ten accounts
 * costs a few hundred hashes, not a thousand full paths.
 */
export class MerkleTree {
  /** levels[0] are the leaves; levels[depth][0] is the root. Missing entries are empty subtrees. */
  private levels: Hex[][];
  private dirty: number[] = [];
  private clean = true;

  constructor(readonly depth: number) {
    if (!Number.isInteger(depth) || depth < 1 || depth > 48) throw new RangeError(`Merkle depth must be 1…48, got ${depth}`);
    this.levels = Array.from({ length: depth + 1 }, () => []);
  }

  /** One past the highest index ever set. */
  get size(): number {
    return this.levels[0]!.length;
  }

  leaf(index: number): Hex {
    return this.levels[0]![index] ?? ZERO_HASH;
  }

  set(index: number, leaf: Hex): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= 2 ** this.depth) throw new RangeError(`leaf index ${index} outside a depth-${this.depth} tree`);
    const leaves = this.levels[0]!;
    while (leaves.length < index) leaves.push(ZERO_HASH);
    leaves[index] = leaf;
    this.dirty.push(index);
    this.clean = false;
  }

  /** Shrinks the tree back to its first `size` leaves (a reorg undoing appends). */
  truncate(size: number): void {
    const leaves = this.levels[0]!;
    if (size >= leaves.length) return;
    for (let i = size; i < leaves.length; i++) {
      leaves[i] = ZERO_HASH;
      this.dirty.push(i);
    }
    this.clean = false;
    this.refresh();
    // Past `size` every node is now an empty subtree, which a missing entry already means.
    for (let l = 0; l <= this.depth; l++) this.levels[l]!.length = Math.min(this.levels[l]!.length, Math.ceil(size / 2 ** l));
  }

  root(): Hex {
    this.refresh();
    return this.levels[this.depth]![0] ?? zeroHash(this.depth);
  }

  /** Siblings of `index` from the leaf up, against the current root. */
  proof(index: number): Hex[] {
    this.refresh();
    const siblings: Hex[] = [];
    let position = index;
    for (let l = 0; l < this.depth; l++) {
      siblings.push(this.node(l, position ^ 1));
      position >>>= 1;
    }
    return siblings;
  }

  /**
   * The root the tree had when it held only its first `size` leaves. Valid for trees that
   * only ever append (withdrawals): a finalized commitment names an older size, and a
   * withdrawal must be provable against it long after the tree has grown.
   */
  rootAtSize(size: number): Hex {
    this.refresh();
    return this.nodeAtSize(this.depth, 0, size);
  }

  /** Siblings of `index` in the tree of the first `size` leaves (append-only trees). */
  proofAtSize(index: number, size: number): Hex[] {
    if (index >= size) throw new RangeError(`leaf ${index} is not among the first ${size}`);
    this.refresh();
    const siblings: Hex[] = [];
    let position = index;
    for (let l = 0; l < this.depth; l++) {
      siblings.push(this.nodeAtSize(l, position ^ 1, size));
      position >>>= 1;
    }
    return siblings;
  }

  clone(): MerkleTree {
    this.refresh();
    const copy = new MerkleTree(this.depth);
    copy.levels = this.levels.map((level) => level.slice());
    return copy;
  }

  private node(level: number, index: number): Hex {
    return this.levels[level]![index] ?? zeroHash(level);
  }

  private nodeAtSize(level: number, index: number, size: number): Hex {
    const span = 2 ** level;
    if (index * span >= size) return zeroHash(level);
    if ((index + 1) * span <= size) return this.node(level, index);
    return hashPair(this.nodeAtSize(level - 1, 2 * index, size), this.nodeAtSize(level - 1, 2 * index + 1, size));
  }

  private refresh(): void {
    if (this.clean) return;
    let positions = [...new Set(this.dirty)].sort((a, b) => a - b);
    for (let l = 0; l < this.depth; l++) {
      const parents: number[] = [];
      const above = this.levels[l + 1]!;
      for (const p of positions) {
        const parent = p >>> 1;
        if (parents[parents.length - 1] === parent) continue;
        parents.push(parent);
        while (above.length < parent) above.push(zeroHash(l + 1));
        above[parent] = hashPair(this.node(l, 2 * parent), this.node(l, 2 * parent + 1));
      }
      positions = parents;
    }
    this.dirty = [];
    this.clean = true;
  }
}

function writeWord(out: Uint8Array, offset: number, word: AbiWord): void {
  if (typeof word === 'string') {
    const digits = word.startsWith('0x') ? word.slice(2) : word;
    if (digits.length > 64 || digits.length % 2 !== 0) throw new RangeError(`not a static ABI word: ${word}`);
    writeHex(out, offset + 32 - digits.length / 2, word);
    return;
  }
  let value = BigInt(word);
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`uint256 out of range: ${value}`);
  for (let i = 31; i >= 0 && value > 0n; i--) {
    out[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

function writeHex(out: Uint8Array, offset: number, hex: string): void {
  const start = hex.startsWith('0x') ? 2 : 0;
  // Node's native hex decoder first: every inner Merkle node is two of these, and a JS loop
  // per digit was most of hashPair's time. Whatever it does not write whole (a bad digit,
  // an odd length, no room) goes through the checking loop below, which throws as before.
  const digits = hex.length - start;
  const view = out instanceof Buffer ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  if (digits % 2 === 0 && offset <= view.length && view.write(start === 0 ? hex : hex.slice(start), offset, 'hex') === digits / 2) return;
  for (let i = start, o = offset; i < hex.length; i += 2, o++) out[o] = (nibble(hex.charCodeAt(i)) << 4) | nibble(hex.charCodeAt(i + 1));
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  throw new RangeError(`not a hex digit: ${String.fromCharCode(code)}`);
}
