import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { BatchProof, Constraints } from '../../protocols/zk/circuit.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { ZkVerifier } from '../memory/contracts/zk-verifier.ts';
import type { StateRoots } from './rollup-state.ts';
import type { StateCommitment } from './state-commitments.ts';

/**
 * The zk rollup's state commitments: a root is accepted only with a validity proof, which
 * this contract checks by re-executing the batches over Merkle witnesses against the last
 * verified root (see protocols/zk/circuit.ts). Verified roots are final at once. Proving
 * is permissioned (StarkEx and zkSync Era accept state updates from their operator only),
 * which is why users need the forced-request deadline and the freeze: once a forced
 * request waits past the deadline, anyone freezes the verifier and users leave through the
 * escape hatch against the last verified root.
 *
 * It has the views the rollup bridge and users read from state commitments, so the shared
 * rollup machinery runs unchanged on top of it.
 */
export interface ZkVerifierFacade {
  /** Accepts `stateRoot` after `batchCount` inbox entries if `proof` re-executes to it from commitment `parentIndex` (the latest). */
  propose(tx: TxOptions, stateRoot: Hex, batchCount: number, parentIndex: number, proof?: BatchProof): Promise<TxId>;
  /** Freezes the rollup because delayed message `delayedIndex` was not served within the deadline. Anyone may call. */
  freeze(tx: TxOptions, delayedIndex: number): Promise<TxId>;
  count(): Promise<number>;
  commitment(index: number): Promise<StateCommitment | undefined>;
  isFinalAt(index: number, height: number): Promise<boolean>;
  latestFinalAt(height: number): Promise<number>;
  latest(): Promise<number>;
  isRejectedAt(index: number, height: number): Promise<boolean>;
  bondWei(): Promise<bigint>;
  /** Delayed messages consumed by verified batches. */
  verifiedDelayedRead(): Promise<number>;
  /** The four parts of the latest verified root. */
  verifiedRoots(): Promise<StateRoots>;
  isFrozen(): Promise<boolean>;
}

export interface ZkVerifierParams {
  readonly rollupInbox: Address;
  readonly delayedInbox: Address;
  /** The only address that may submit proofs (the operator's prover). */
  readonly prover: Address;
  readonly chainId: number;
  readonly genesis: StateRoots;
  readonly constraints: Constraints;
  /** Blocks a forced request may wait before anyone can freeze (StarkEx FREEZE_GRACE_PERIOD); null: no enforced deadline. */
  readonly freezeDeadlineBlocks: number | null;
}

export const zkVerifier: ContractSpec<ZkVerifierFacade, ZkVerifierParams> = {
  name: 'ZkVerifier',
  views: ['count', 'latest', 'commitment', 'isFinalAt', 'isRejectedAt', 'latestFinalAt', 'bondWei', 'verifiedDelayedRead', 'verifiedRoots', 'isFrozen'],
  memory: (env, params) => new ZkVerifier(env, params),
};
