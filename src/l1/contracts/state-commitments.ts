import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { StateCommitments } from '../memory/contracts/state-commitments.ts';

/** A claimed L2 state root after the first `batchCount` inbox entries. */
export interface StateCommitment {
  readonly index: number;
  readonly stateRoot: Hex;
  readonly batchCount: number;
  readonly proposer: Address;
  readonly postedBlock: number;
}

/**
 * Where L2 state roots meet L1: anyone proposes the root of the chain derived from the
 * inbox, and a root becomes final by the rollup's finality rule. Permissionless proposing
 * is what lets users exit when the operator is gone: they propose the root themselves.
 *
 * PLACEHOLDER FINALITY RULE (see `finality` below and in the memory contract): here a root
 * is final once `challengeWindowBlocks` have passed since it was posted — nothing checks
 * it. The optimistic issue replaces this with challenges and bisection down to a one-step
 * proof; the zk issue with a validity proof. Keep every finality decision behind
 * `isFinalAt` so they only have to swap the rule.
 */
export interface StateCommitmentsFacade {
  /** Extends the latest commitment (`parentIndex` must be it) with the root after `batchCount` inbox entries. */
  propose(tx: TxOptions, stateRoot: Hex, batchCount: number, parentIndex: number): Promise<TxId>;
  count(): Promise<number>;
  commitment(index: number): Promise<StateCommitment | undefined>;
  isFinalAt(index: number, height: number): Promise<boolean>;
  /** Index of the newest commitment final at `height` (0, the genesis root, at least). */
  latestFinalAt(height: number): Promise<number>;
}

export interface StateCommitmentsParams {
  readonly rollupInbox: Address;
  /** Root of the empty L2 state: commitment 0, final from the start. */
  readonly genesisRoot: Hex;
  /** The placeholder finality delay (Arbitrum confirmPeriodBlocks, OP proof maturity). */
  readonly challengeWindowBlocks: number;
  readonly finality: 'placeholder-window';
}

export const stateCommitments: ContractSpec<StateCommitmentsFacade, StateCommitmentsParams> = {
  name: 'StateCommitments',
  views: ['count', 'commitment', 'isFinalAt', 'latestFinalAt'],
  memory: (env, params) => new StateCommitments(env, params),
};
