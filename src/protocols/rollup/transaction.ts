import { getBytes } from 'ethers';
import { keccakHex } from '../../crypto/keccak.ts';
import type { Account, Address } from '../../crypto/accounts.ts';
import { keccakBytes, ZERO_HASH, type Hex } from '../../crypto/keccak.ts';
import { hashLeaf } from '../../crypto/merkle.ts';
import { sign, signerOf, type SignatureScheme } from '../../crypto/signatures.ts';
import { ByteReader, ByteWriter, MalformedData } from './codec.ts';

/** An L2 payment. `memo` is free-form data (it is what a zip bomb fills with zeros). */
export interface TransferBody {
  readonly kind: 'transfer';
  readonly from: Address;
  readonly to: Address;
  readonly amountWei: bigint;
  readonly nonce: number;
  readonly memo: Uint8Array;
}

/** Burns L2 funds for release on L1 to `to`, once a state root containing it is final. */
export interface WithdrawalBody {
  readonly kind: 'withdraw';
  readonly from: Address;
  readonly to: Address;
  readonly amountWei: bigint;
  readonly nonce: number;
}

export type TxBody = TransferBody | WithdrawalBody;

/** A transaction as users hand it to the sequencer: signed, with its encoding cached. */
export interface SignedTx {
  readonly body: TxBody;
  readonly signature: Hex;
  /** keccak(digest ‖ signature): the id merchants, the feed and derivation agree on. */
  readonly hash: Hex;
  /** The transaction's bytes in a batch. */
  readonly encoded: Uint8Array;
}

/**
 * What the state transition consumes: a message whose sender is already authenticated —
 * by a signature for sequenced transactions, by L1's msg.sender for forced ones (which
 * carry no nonce: the delayed inbox orders them).
 */
export type L2Message =
  | { readonly kind: 'deposit'; readonly to: Address; readonly amountWei: bigint }
  | { readonly kind: 'transfer'; readonly from: Address; readonly to: Address; readonly amountWei: bigint; readonly nonce?: number }
  | { readonly kind: 'withdraw'; readonly from: Address; readonly to: Address; readonly amountWei: bigint; readonly all?: boolean; readonly nonce?: number };

const KIND_CODE = { transfer: 1, withdraw: 2 } as const;

/**
 * The digest a user signs: keccak(abi.encode(chainId, kind, from, to, amount, nonce,
 * memoHash)). The chain id binds the signature to one rollup so it cannot be replayed on
 * another.
 */
export function txDigest(body: TxBody, chainId: number): Hex {
  const memoHash = body.kind === 'transfer' && body.memo.length > 0 ? keccakBytes(body.memo) : ZERO_HASH;
  return hashLeaf([chainId, KIND_CODE[body.kind], body.from, body.to, body.amountWei, body.nonce, memoHash]);
}

/**
 * Digests and signature checks are the model's hottest keccaks, and every node that sees a
 * transaction (sequencer, derivation, merchant) checks it. Transactions are immutable
 * values, so each object's result is computed once; a modified copy is a new object and
 * is checked afresh.
 */
const digests = new WeakMap<SignedTx, { chainId: number; digest: Hex }>();
const authenticated = new WeakMap<SignedTx, { chainId: number; message: L2Message | undefined }>();

function digestOf(tx: SignedTx, chainId: number): Hex {
  const cached = digests.get(tx);
  if (cached?.chainId === chainId) return cached.digest;
  const digest = txDigest(tx.body, chainId);
  digests.set(tx, { chainId, digest });
  return digest;
}

export function signTx(body: TxBody, signer: Account, chainId: number, scheme: SignatureScheme): SignedTx {
  if (signer.address !== body.from.toLowerCase()) throw new Error(`${signer.name} cannot sign for ${body.from}`);
  const digest = txDigest(body, chainId);
  const signature = sign(scheme, signer, digest);
  const tx = { body, signature, hash: txHash(digest, signature) } as SignedTx;
  // A zip bomb's encoding is its megabytes copied once more, and a sequencer that checks the
  // decompressed limit refuses it knowing only its size: the bytes are built when first read.
  let encoded: Uint8Array | undefined;
  Object.defineProperty(tx, 'encoded', { enumerable: true, get: () => (encoded ??= encodeTx(body, signature)) });
  sizedFromBody.add(tx);
  digests.set(tx, { chainId, digest });
  return tx;
}

/** Transactions this process signed: their encoding is encodeTx's, so its length follows from the body. */
const sizedFromBody = new WeakSet<SignedTx>();

/** `tx.encoded.length`, without building the encoding where it is known to be encodeTx's. */
export function encodedLength(tx: SignedTx): number {
  if (!sizedFromBody.has(tx)) return tx.encoded.length;
  const { body } = tx;
  const amountBytes = body.amountWei === 0n ? 0 : Math.ceil(body.amountWei.toString(16).length / 2);
  const memoBytes = body.kind === 'transfer' ? 4 + body.memo.length : 0;
  return 1 + 20 + 20 + 1 + amountBytes + 4 + memoBytes + 1 + (tx.signature.length - 2) / 2;
}

function txHash(digest: Hex, signature: Hex): Hex {
  return keccakHex(digest, signature);
}

/** The message a correctly signed transaction authorizes, or undefined if the signature is not `from`'s. */
export function authenticate(tx: SignedTx, chainId: number): L2Message | undefined {
  const cached = authenticated.get(tx);
  if (cached?.chainId === chainId) return cached.message;
  const { body } = tx;
  const message: L2Message | undefined = !signerOf(digestOf(tx, chainId), tx.signature, body.from)
    ? undefined
    : body.kind === 'transfer'
      ? { kind: 'transfer', from: body.from, to: body.to, amountWei: body.amountWei, nonce: body.nonce }
      : { kind: 'withdraw', from: body.from, to: body.to, amountWei: body.amountWei, nonce: body.nonce };
  authenticated.set(tx, { chainId, message });
  return message;
}

export function encodeTx(body: TxBody, signature: Hex): Uint8Array {
  const w = new ByteWriter().u8(KIND_CODE[body.kind]).fixed(body.from, 20).fixed(body.to, 20).uint(body.amountWei).u32(body.nonce);
  if (body.kind === 'transfer') w.bytes(body.memo);
  const sig = getBytes(signature);
  return w.u8(sig.length).push(sig).finish();
}

/** Reads one transaction; the hash is recomputed from the content, never trusted from the batch. */
export function decodeTx(reader: ByteReader, chainId: number): SignedTx {
  const start = reader.position;
  const code = reader.u8();
  if (code !== KIND_CODE.transfer && code !== KIND_CODE.withdraw) throw new MalformedData(`unknown transaction kind ${code}`);
  const from = reader.fixed(20);
  const to = reader.fixed(20);
  const amountWei = reader.uint();
  const nonce = reader.u32();
  const body: TxBody = code === KIND_CODE.transfer ? { kind: 'transfer', from, to, amountWei, nonce, memo: reader.bytes() } : { kind: 'withdraw', from, to, amountWei, nonce };
  const signature = reader.fixed(reader.u8());
  const digest = txDigest(body, chainId);
  const tx: SignedTx = { body, signature, hash: txHash(digest, signature), encoded: reader.slice(start, reader.position) };
  digests.set(tx, { chainId, digest });
  return tx;
}
