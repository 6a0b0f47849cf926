import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { hashLeaf, rootFromProof } from '../../crypto/merkle.ts';

/**
 * The rollup's commitments as the L1 contracts see them: the leaf and root formulas the
 * bridge verifies withdrawals with, and which the L2 state machine builds. They live here,
 * below both, so the contract and the state machine cannot drift apart.
 */

/** Leaves per tree: 2^24 accounts and 2^24 withdrawals, plenty for any model run. */
export const ACCOUNT_TREE_DEPTH = 24;
export const WITHDRAWAL_TREE_DEPTH = 24;

/** A burned L2 balance waiting for release on L1: leaf `index` of the withdrawal tree. */
export interface WithdrawalLeaf {
  readonly index: number;
  readonly from: Address;
  readonly to: Address;
  readonly amountWei: bigint;
}

/** The four values a state root commits to. */
export interface StateRoots {
  readonly accountsRoot: Hex;
  readonly withdrawalsRoot: Hex;
  readonly accountCount: number;
  readonly withdrawalCount: number;
}

/** What a withdrawal proof carries besides the leaf: the other half of the state root and the siblings. */
export interface WithdrawalProof {
  readonly accountsRoot: Hex;
  readonly accountCount: number;
  readonly withdrawalCount: number;
  readonly siblings: readonly Hex[];
}

/** keccak(abi.encode(address, balance, nonce)). */
export function accountLeaf(address: Address, balanceWei: bigint, nonce: number): Hex {
  return hashLeaf([address, balanceWei, nonce]);
}

/** keccak(abi.encode(index, from, to, amount)): the index makes two equal withdrawals distinct leaves. */
export function withdrawalLeaf(w: WithdrawalLeaf): Hex {
  return hashLeaf([w.index, w.from, w.to, w.amountWei]);
}

/** stateRoot = keccak(abi.encode(accountsRoot, withdrawalsRoot, accountCount, withdrawalCount)). */
export function stateRootOf(roots: StateRoots): Hex {
  return hashLeaf([roots.accountsRoot, roots.withdrawalsRoot, roots.accountCount, roots.withdrawalCount]);
}

/** Pure: does `proof` show withdrawal `w` under `stateRoot`? The bridge contract's whole check. */
export function withdrawalProven(stateRoot: Hex, w: WithdrawalLeaf, proof: WithdrawalProof): boolean {
  if (proof.siblings.length !== WITHDRAWAL_TREE_DEPTH || w.index >= proof.withdrawalCount || w.index < 0) return false;
  const withdrawalsRoot = rootFromProof(withdrawalLeaf(w), w.index, proof.siblings);
  return stateRootOf({ accountsRoot: proof.accountsRoot, withdrawalsRoot, accountCount: proof.accountCount, withdrawalCount: proof.withdrawalCount }) === stateRoot;
}
