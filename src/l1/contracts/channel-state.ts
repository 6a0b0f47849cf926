import type { Address } from '../../crypto/accounts.ts';
import { keccakBytes, ZERO_HASH, type Hex } from '../../crypto/keccak.ts';

/**
 * A two-party channel state: who owns what of the channel's capacity at `version`.
 * `balances` follow the participant order fixed at open (opener first). A state with
 * `isFinal` set is the one both parties sign to close cooperatively (Perun's final flag).
 */
export interface ChannelState {
  readonly channelId: Hex;
  readonly version: number;
  readonly balances: readonly [bigint, bigint];
  readonly isFinal: boolean;
}

export interface SignedState {
  readonly state: ChannelState;
  /** Signatures of participant 0 and participant 1 over `stateDigest`. */
  readonly sigs: readonly [Hex, Hex];
}

/**
 * What a signature is bound to besides the state itself. The chain id and adjudicator
 * address stop a state from being replayed on another chain or contract; `bindsChannel`
 * puts the channel id in the digest so a state cannot be replayed on another channel of
 * the same parties. The `unbound-signature` twin sets it to false — and nothing else.
 */
export interface SigningDomain {
  readonly chainId: bigint;
  readonly adjudicator: Address;
  readonly bindsChannel: boolean;
}

/**
 * The one digest both the signers and the adjudicator use, EIP-712 style: a separator
 * hashed once per channel, then the state packed into a single keccak block.
 *
 *   separator = keccak256(abi.encode(uint256 chainId, address adjudicator, bytes32 channelId))
 *   digest    = keccak256(abi.encodePacked(bytes32 separator, uint64 version, uint128 balance0,
 *                                          uint128 balance1, bool isFinal))
 *
 * with channelId zeroed when the domain does not bind it. A Solidity twin computes the
 * same bytes with those two expressions. The packed state is 73 bytes — one keccak
 * block — which keeps an off-chain update at about one keccak per signature.
 */
export function stateDigest(domain: SigningDomain, state: ChannelState): Hex {
  const packed = new Uint8Array(PACKED_BYTES);
  packed.set(separatorOf(domain, state.channelId), 0);
  const view = new DataView(packed.buffer);
  if (!Number.isSafeInteger(state.version) || state.version < 0) throw new RangeError(`version ${state.version} is not a uint64`);
  view.setUint32(32, Math.floor(state.version / 2 ** 32));
  view.setUint32(36, state.version >>> 0);
  writeUint128(view, 40, state.balances[0]);
  writeUint128(view, 56, state.balances[1]);
  packed[72] = state.isFinal ? 1 : 0;
  return keccakBytes(packed);
}

/** keccak256(abi.encode(chainId, adjudicator, channelId or zero)): what binds a signature to one chain, contract and channel. */
export function separatorOf(domain: SigningDomain, channelId: Hex): Uint8Array {
  const bound = domain.bindsChannel ? channelId : ZERO_HASH;
  // Every signature and check asks: first by domain object (no key to build), then by value.
  let byChannel = separatorsOf.get(domain);
  if (!byChannel) separatorsOf.set(domain, (byChannel = new Map()));
  let separator = byChannel.get(bound);
  if (!separator) {
    const key = `${domain.chainId}:${domain.adjudicator}:${bound}`;
    separator = separators.get(key);
    if (!separator) {
      separator = bytes32Word(keccakBytes(abiWords(uint256Word(domain.chainId), addressWord(domain.adjudicator), bytes32Word(bound))));
      remember(separators, key, separator);
    }
    byChannel.set(bound, separator);
  }
  return separator;
}

/** A channel's id, derived the same way off-chain and by the adjudicator at open. */
export function channelIdOf(domain: Pick<SigningDomain, 'chainId' | 'adjudicator'>, opener: Address, counterparty: Address, nonce: bigint): Hex {
  const key = `${domain.chainId}:${domain.adjudicator}:${opener}:${counterparty}:${nonce}`;
  let id = channelIds.get(key);
  if (!id) {
    id = keccakBytes(abiWords(uint256Word(domain.chainId), addressWord(domain.adjudicator), addressWord(opener), addressWord(counterparty), uint256Word(nonce)));
    remember(channelIds, key, id);
  }
  return id;
}

/*
 * Both are pure functions of their inputs, memoized by value, not only by domain object:
 * every fuzz run deploys the adjudicator at the same address and opens channels between
 * the same parties with nonces 0, 1, 2, so a fresh run derives the same few ids and
 * separators as the last one (off-chain and again in the contract). Bounded, so a long
 * campaign with many domains cannot grow them without end.
 */
const MEMO_LIMIT = 4_096;
const separators = new Map<string, Uint8Array>();
const separatorsOf = new WeakMap<SigningDomain, Map<string, Uint8Array>>();
const channelIds = new Map<string, Hex>();

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/*
 * abi.encode of static types is one 32-byte word each; packing the words by hand gives the
 * same bytes as ethers' AbiCoder (tests hold them equal) at a fraction of the cost: every
 * channel open hashes its id, and AbiCoder's checksumming dominated the fuzz loop's profile.
 */
function abiWords(...words: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(32 * words.length);
  words.forEach((w, i) => out.set(w, 32 * i));
  return out;
}

function uint256Word(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError(`${value} does not fit a uint256`);
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

function bytes32Word(value: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new RangeError(`${value} is not a bytes32`);
  return Buffer.from(value.slice(2), 'hex');
}

function addressWord(address: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new RangeError(`${address} is not an address`);
  const word = new Uint8Array(32);
  word.set(Buffer.from(address.slice(2), 'hex'), 12);
  return word;
}

/** The chain id the model's L1 reports (anvil's default, so signatures mean the same on both backends). */
export const MODEL_CHAIN_ID = 31_337n;

const PACKED_BYTES = 32 + 8 + 16 + 16 + 1;
const UINT128_LIMIT = 1n << 128n;
const MASK_64 = (1n << 64n) - 1n;

function writeUint128(view: DataView, offset: number, value: bigint): void {
  if (value < 0n || value >= UINT128_LIMIT) throw new RangeError(`balance ${value} does not fit a uint128`);
  view.setBigUint64(offset, value >> 64n);
  view.setBigUint64(offset + 8, value & MASK_64);
}
