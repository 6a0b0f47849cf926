import { AbiCoder, keccak256 } from 'ethers';
import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { DataCommittee } from '../memory/contracts/data-committee.ts';

export interface CommitteeSignature {
  readonly signer: Address;
  readonly signature: Hex;
}

/**
 * A data-availability certificate (AnyTrust's DACert, StarkEx's availability proof): k
 * committee members attest that they hold the data with this hash and will serve it until
 * `expirySeconds` (unix time).
 */
export interface DataCertificate {
  readonly dataHash: Hex;
  readonly expirySeconds: number;
  readonly signatures: readonly CommitteeSignature[];
}

/**
 * A validium's data committee on L1: it checks a certificate's k-of-n member signatures
 * and records the data hash as available (StarkEx registers the fact the same way). The
 * inbox then takes a batch as a bare hash only if that hash is certified. L1 sees the
 * signatures, never the data: whether anyone will serve it is the committee's word.
 */
export interface DataCommitteeFacade {
  /** Records `certificate.dataHash` as available if `threshold` members signed it. Anyone may submit. */
  certify(tx: TxOptions, certificate: DataCertificate): Promise<TxId>;
  /** Unix time until which the hash is certified available; 0 if it never was. */
  certifiedUntil(dataHash: Hex): Promise<number>;
  threshold(): Promise<number>;
  members(): Promise<readonly Address[]>;
}

export interface DataCommitteeParams {
  /** L1 chain id, in every signed digest so a certificate cannot be replayed on another chain. */
  readonly chainId: bigint;
  readonly members: readonly Address[];
  /** Distinct member signatures a certificate needs (k of n; AnyTrust: N−1 of N). */
  readonly threshold: number;
  /** Shortest time from certification to expiry a certificate may promise (the members' retention). */
  readonly minRetentionSeconds: number;
  /** Counts each member once however often it signed (twin `duplicate-signers` turns this off). */
  readonly distinctSigners: boolean;
}

export const dataCommittee: ContractSpec<DataCommitteeFacade, DataCommitteeParams> = {
  name: 'DataCommittee',
  views: ['certifiedUntil', 'threshold', 'members'],
  memory: (env, params) => new DataCommittee(env, params),
  constructorArgs: (p) => [p.chainId, p.members, p.threshold, p.minRetentionSeconds, p.distinctSigners],
};

/**
 * What a member signs, binding the chain, the committee contract, the data and how long it
 * promises to serve it:
 *
 *   keccak256(abi.encode(uint256 chainId, address committee, bytes32 dataHash, uint64 expirySeconds))
 */
export function certificateDigest(chainId: bigint, committee: Address, dataHash: Hex, expirySeconds: number): Hex {
  const encoded = AbiCoder.defaultAbiCoder().encode(['uint256', 'address', 'bytes32', 'uint64'], [chainId, committee, dataHash, expirySeconds]);
  return keccak256(encoded) as Hex;
}
