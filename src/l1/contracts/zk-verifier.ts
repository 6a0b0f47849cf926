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
  // contracts/ZkVerifier.sol: `unsound-verifier` is the sender-balance flag off; a null deadline is the deadline flag off.
  constructorArgs: (p) => [p.rollupInbox, p.delayedInbox, p.prover, p.chainId, p.genesis, p.constraints.senderBalance, p.freezeDeadlineBlocks !== null, p.freezeDeadlineBlocks ?? 0],
  toSolidity: { propose: ([stateRoot, batchCount, parentIndex, proof]) => [stateRoot, batchCount, parentIndex, proof !== undefined, proofToSolidity(proof as BatchProof | undefined)] },
  fromSolidity: { commitment: commitmentFromSolidity },
};

const TX_KIND_CODE = { transfer: 1, withdraw: 2 } as const;

/** ZkVerifier.ProofStep[]: the tagged item as a flag and both shapes, optional siblings as an empty list. */
function proofToSolidity(proof: BatchProof | undefined): unknown[] {
  return (proof?.steps ?? []).map((step) => {
    const tx = step.item.kind === 'tx' ? step.item.tx : undefined;
    return {
      delayed: step.item.kind === 'delayed',
      delayedIndex: step.item.kind === 'delayed' ? step.item.index : 0,
      transaction: tx
        ? { kind: TX_KIND_CODE[tx.body.kind], from: tx.body.from, to: tx.body.to, amountWei: tx.body.amountWei, nonce: tx.body.nonce, memo: tx.body.kind === 'transfer' ? tx.body.memo : '0x', signature: tx.signature }
        : { kind: 0, from: ZERO_ADDRESS, to: ZERO_ADDRESS, amountWei: 0n, nonce: 0, memo: '0x', signature: '0x' },
      leaves: step.leaves.map((l) => ({ account: l.address, balanceWei: l.balanceWei, nonce: l.nonce, siblings: l.siblings })),
      withdrawalSiblings: step.withdrawalSiblings ?? [],
    };
  });
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** IStateCommitments.Commitment: all zeros (no proposer) is a commitment that does not exist. */
function commitmentFromSolidity(value: unknown): StateCommitment | undefined {
  const c = value as StateCommitment;
  return c.proposer === ZERO_ADDRESS ? undefined : c;
}
