import fc from 'fast-check';
import { AbiCoder, hexlify, keccak256, solidityPackedKeccak256 } from 'ethers';
import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import type { Hex } from '../../../../src/crypto/keccak.ts';
import { channelIdOf, MODEL_CHAIN_ID, separatorOf, stateDigest, type SigningDomain } from '../../../../src/l1/contracts/channel-state.ts';

const adjudicator = account('adjudicator-under-test').address;
const bound: SigningDomain = { chainId: MODEL_CHAIN_ID, adjudicator, bindsChannel: true };
const unbound: SigningDomain = { ...bound, bindsChannel: false };
const channelA = keccak256('0x0a') as Hex;
const channelB = keccak256('0x0b') as Hex;

/** The digest as a Solidity contract computes it, through ethers' ABI encoders. */
function solidityDigest(domain: SigningDomain, channelId: Hex, version: number, b0: bigint, b1: bigint, isFinal: boolean): string {
  const separator = keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'address', 'bytes32'], [domain.chainId, domain.adjudicator, domain.bindsChannel ? channelId : `0x${'00'.repeat(32)}`]));
  return solidityPackedKeccak256(['bytes32', 'uint64', 'uint128', 'uint128', 'bool'], [separator, version, b0, b1, isFinal]);
}

describe('channel state digest', () => {
  it('equals keccak256(abi.encodePacked(separator, version, balances, isFinal)) as Solidity computes it', () => {
    const uint128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), uint128, uint128, fc.boolean(), fc.boolean(), (version, b0, b1, isFinal, binds) => {
        const domain = binds ? bound : unbound;
        expect(stateDigest(domain, { channelId: channelA, version, balances: [b0, b1], isFinal })).toBe(solidityDigest(domain, channelA, version, b0, b1, isFinal));
      }),
      { numRuns: 200 },
    );
  });

  it('binds the channel id, the chain id and the adjudicator', () => {
    const state = { channelId: channelA, version: 7, balances: [1n, 2n] as const, isFinal: false };
    const digest = stateDigest(bound, state);
    expect(stateDigest(bound, { ...state, channelId: channelB })).not.toBe(digest);
    expect(stateDigest({ ...bound, chainId: 1n }, state)).not.toBe(digest);
    expect(stateDigest({ ...bound, adjudicator: account('other-adjudicator').address }, state)).not.toBe(digest);
  });

  it('is the same for every channel when the domain does not bind the channel id', () => {
    const state = { channelId: channelA, version: 7, balances: [1n, 2n] as const, isFinal: false };
    expect(stateDigest(unbound, { ...state, channelId: channelB })).toBe(stateDigest(unbound, state));
    expect(hexlify(separatorOf(unbound, channelA))).toBe(hexlify(separatorOf(unbound, channelB)));
  });

  it('derives the channel id as keccak256(abi.encode(chainId, adjudicator, opener, counterparty, nonce)), as Solidity does', () => {
    const opener = account('alice').address;
    const counterparty = account('bob').address;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (chainId, nonce) => {
        const solidity = keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'address', 'address', 'address', 'uint256'], [chainId, adjudicator, opener, counterparty, nonce]));
        expect(channelIdOf({ chainId, adjudicator }, opener, counterparty, nonce)).toBe(solidity);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a balance that does not fit a uint128', () => {
    expect(() => stateDigest(bound, { channelId: channelA, version: 1, balances: [1n << 128n, 0n], isFinal: false })).toThrow(/uint128/);
  });
});
