import { AbiCoder, keccak256 } from 'ethers';
import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { FederationBridge } from '../memory/contracts/federation-bridge.ts';

/** A withdrawal the sidechain burned and the federation approves: what its members sign. */
export interface PegOut {
  /** Assigned by the sidechain when it burns the funds; the bridge pays each id once. */
  readonly id: number;
  readonly recipient: Address;
  readonly amountWei: bigint;
}

export interface FederationSignature {
  readonly signer: Address;
  readonly signature: Hex;
}

/**
 * A federated peg's L1 side: deposits are locked here and credited on the sidechain by
 * the federation; the bridge releases a peg-out only with k of n member signatures. L1
 * never sees the sidechain's blocks, so those signatures are all it can check — which is
 * why funds cannot leave without the federation.
 */
export interface FederationBridgeFacade {
  /** Locks msg.value for `sidechainRecipient`; the federation credits it on the sidechain once final. */
  pegIn(tx: TxOptions, sidechainRecipient: Address): Promise<TxId>;
  /** Pays `pegOut` if at least `threshold` distinct members signed it. Anyone may submit. */
  pegOut(tx: TxOptions, pegOut: PegOut, signatures: readonly FederationSignature[]): Promise<TxId>;
  escrowedWei(): Promise<bigint>;
  isPaid(id: number): Promise<boolean>;
  threshold(): Promise<number>;
  members(): Promise<readonly Address[]>;
}

export interface FederationBridgeParams {
  /** L1 chain id, in every signed digest so a signature cannot be replayed on another chain. */
  readonly chainId: bigint;
  readonly members: readonly Address[];
  /** Signatures a peg-out needs (k of n). */
  readonly threshold: number;
}

export const federationBridge: ContractSpec<FederationBridgeFacade, FederationBridgeParams> = {
  name: 'FederationBridge',
  views: ['escrowedWei', 'isPaid', 'threshold', 'members'],
  memory: (env, params) => new FederationBridge(env, params),
  constructorArgs: (p) => [p.chainId, p.members, p.threshold],
};

/**
 * The digest members sign for a peg-out, binding the chain, the bridge, the withdrawal id,
 * the recipient and the amount (so no signature can pay twice, elsewhere or someone else):
 *
 *   keccak256(abi.encode(uint256 chainId, address bridge, uint256 id, address recipient, uint256 amount))
 */
export function pegOutDigest(chainId: bigint, bridge: Address, pegOut: PegOut): Hex {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ['uint256', 'address', 'uint256', 'address', 'uint256'],
    [chainId, bridge, pegOut.id, pegOut.recipient, pegOut.amountWei],
  );
  return keccak256(encoded) as Hex;
}
