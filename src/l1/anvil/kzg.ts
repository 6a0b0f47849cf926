import { createRequire } from 'node:module';
import { getBytes, hexlify, sha256 } from 'ethers';
import { keccakBytes, type Hex } from '../../crypto/keccak.ts';
import { UsageError } from '../../kernel/errors.ts';
import { BLOB_BYTES } from '../gas.ts';

/**
 * Real EIP-4844 blobs for anvil. A blob transaction reaches the node only with its sidecar
 * (blob, KZG commitment, KZG proof), which the node verifies; BLOBHASH then reads the
 * versioned hash sha256(commitment) with version byte 0x01 — so the inbox contract records
 * real hashes, as on Ethereum.
 *
 * The model's blobs are arbitrary bytes (src/l1/gas.ts), while a real blob is 4,096 field
 * elements below the BLS12-381 modulus: an arbitrary 131,072-byte blob does not fit. So the
 * blob put on the node is a canonical carrier of the model blob: its first field element is
 * the keccak of the model blob with the top byte cleared, all others zero. Its versioned hash
 * commits to the model blob through that digest (a different model blob gives a different
 * hash, up to a 248-bit collision); the bytes themselves stay client-side under the
 * retention rule (L1.blob). KZG math runs in @crate-crypto/node-eth-kzg (native, with the
 * ceremony's trusted setup built in: no download; the linux x64 build, an optional
 * dependency), loaded on the first blob of the process (a few seconds).
 */
export interface BlobSidecar {
  readonly data: Hex;
  readonly commitment: Hex;
  readonly proof: Hex;
  readonly versionedHash: Hex;
}

interface KzgContext {
  blobToKzgCommitment(blob: Uint8Array): Uint8Array;
  computeBlobKzgProof(blob: Uint8Array, commitment: Uint8Array): Uint8Array;
}

let context: KzgContext | undefined;
/** Commitments and proofs by model-blob digest: a batch's blobs are hashed when posted, again when derivation checks a source. */
const commitments = new Map<Hex, Uint8Array>();
const proofs = new Map<Hex, Uint8Array>();

/** The native build, an optional dependency like the foundry binaries: linux x64 only, as anvil here. */
const KZG_PACKAGE = '@crate-crypto/node-eth-kzg-linux-x64-gnu';

function kzg(): KzgContext {
  if (!context) {
    let native: { DasContextJs: { create(o: { usePrecomp: boolean }): KzgContext } };
    try {
      native = createRequire(import.meta.url)(KZG_PACKAGE) as typeof native;
    } catch (e) {
      throw new UsageError(`blob transactions on --l1 anvil need ${KZG_PACKAGE} for their KZG proofs, and it did not load (${(e as Error).message.split('\n')[0]}): run \`npm install\` on linux x64, or post batches as calldata, or use --l1 memory`);
    }
    context = native.DasContextJs.create({ usePrecomp: false });
  }
  return context;
}

/** The real blob standing for a model blob of keccak `digest`. */
function carrierBlob(digest: Hex): Uint8Array {
  const blob = new Uint8Array(BLOB_BYTES);
  blob.set(getBytes(digest).subarray(1), 1);
  return blob;
}

function commitmentOf(digest: Hex): Uint8Array {
  let commitment = commitments.get(digest);
  if (!commitment) {
    commitment = kzg().blobToKzgCommitment(carrierBlob(digest));
    commitments.set(digest, commitment);
  }
  return commitment;
}

/** EIP-4844 versioned hash of the real blob standing for `modelBlob`. */
export function kzgVersionedHash(modelBlob: Uint8Array): Hex {
  return `0x01${sha256(commitmentOf(keccakBytes(modelBlob))).slice(4)}`;
}

/** What a type-3 transaction carries for `modelBlob`. */
export function sidecarOf(modelBlob: Uint8Array): BlobSidecar {
  const digest = keccakBytes(modelBlob);
  const blob = carrierBlob(digest);
  const commitment = commitmentOf(digest);
  let proof = proofs.get(digest);
  if (!proof) {
    proof = kzg().computeBlobKzgProof(blob, commitment);
    proofs.set(digest, proof);
  }
  return { data: hexlify(blob) as Hex, commitment: hexlify(commitment) as Hex, proof: hexlify(proof) as Hex, versionedHash: `0x01${sha256(commitment).slice(4)}` };
}

/**
 * The all-zero blob: its commitment and proof are the point at infinity, so it needs no KZG
 * library. A transaction carrying it from an unfunded key makes the node load its own KZG
 * setup (seconds, once per node) and is then refused for funds, leaving no trace.
 */
const ZERO_BLOB_POINT = `0xc0${'00'.repeat(47)}` as Hex;
export const ZERO_BLOB_SIDECAR: BlobSidecar = {
  data: `0x${'00'.repeat(BLOB_BYTES)}` as Hex,
  commitment: ZERO_BLOB_POINT,
  proof: ZERO_BLOB_POINT,
  versionedHash: `0x01${sha256(ZERO_BLOB_POINT).slice(4)}` as Hex,
};

/** Whether EVM `code` contains the BLOBHASH opcode (0x49) outside PUSH data. */
export function readsBlobHashes(code: string): boolean {
  const bytes = getBytes(code);
  for (let i = 0; i < bytes.length; i++) {
    const op = bytes[i]!;
    if (op === 0x49) return true;
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
  }
  return false;
}
