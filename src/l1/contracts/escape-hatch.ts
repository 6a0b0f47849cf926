import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { EscapeHatchBridge } from '../memory/contracts/escape-hatch.ts';
import type { RollupBridgeFacade } from './bridge.ts';

/** An account leaf with what opens the last verified state root around it. */
export interface AccountExitProof {
  readonly balanceWei: bigint;
  readonly nonce: number;
  readonly index: number;
  readonly siblings: readonly Hex[];
  readonly withdrawalsRoot: Hex;
  readonly accountCount: number;
  readonly withdrawalCount: number;
}

/**
 * The zk rollup's L1 bridge with StarkEx's escape hatch: deposits and withdrawals as in
 * the rollup bridge; once the verifier is frozen (a forced request waited past its
 * deadline), deposits stop and every user takes its balance out with a Merkle proof of its
 * account leaf against the last verified root (StarkEx `escape` after `freezeRequest`).
 */
export interface EscapeHatchFacade extends RollupBridgeFacade {
  /** Pays `account` its balance in the last verified root, once, while the rollup is frozen. Anyone may call. */
  escape(tx: TxOptions, account: Address, proof: AccountExitProof): Promise<TxId>;
  /** Returns deposit `delayedIndex` to its sender while frozen, if no verified batch credited it (StarkEx deposit reclaim). */
  reclaimDeposit(tx: TxOptions, delayedIndex: number): Promise<TxId>;
  hasEscaped(account: Address): Promise<boolean>;
  isReclaimed(delayedIndex: number): Promise<boolean>;
  escapedWei(): Promise<bigint>;
}

export interface EscapeHatchParams {
  readonly delayedInbox: Address;
  readonly verifier: Address;
  /** The escape exit exists (twin `no-escape-hatch` removes it). */
  readonly escapeHatch: boolean;
}

export const escapeHatchBridge: ContractSpec<EscapeHatchFacade, EscapeHatchParams> = {
  name: 'EscapeHatchBridge',
  views: ['escrowedWei', 'paidWei', 'isPaid', 'hasEscaped', 'escapedWei', 'isReclaimed'],
  memory: (env, params) => new EscapeHatchBridge(env, params),
  // contracts/EscapeHatchBridge.sol (extends RollupBridge.sol): `no-escape-hatch` is the last flag off.
  constructorArgs: (p) => [p.delayedInbox, p.verifier, p.escapeHatch],
  // The Solidity event is the rollup bridge's, whose `finalWhenPaid` is always true here; the TS event has no such field.
  eventsFromSolidity: { WithdrawalFinalized: ({ finalWhenPaid: _final, ...args }) => args },
};
