import type { Address } from '../../crypto/accounts.ts';
import { MerkleTree } from '../../crypto/merkle.ts';
import { ACCOUNT_TREE_DEPTH, accountLeaf, stateRootOf, WITHDRAWAL_TREE_DEPTH, withdrawalLeaf, type StateRoots, type WithdrawalLeaf } from '../../l1/contracts/rollup-state.ts';
import { authenticate, type L2Message } from '../rollup/transaction.ts';
import { delayedToMessage } from '../rollup/derivation.ts';
import type { AppliedItem } from '../rollup/derivation.ts';
import type { DelayedMessage } from '../../l1/contracts/delayed-inbox.ts';
import { EMPTY_ACCOUNT, touchedBy, type Account } from '../rollup/state.ts';
import { transition, type Constraints, type LeafWitness, type ProofStep, type ProvenItem } from './circuit.ts';

/**
 * The prover's copy of the L2 state: the same leaves and roots as `L2State`, but it hands
 * out a witness for every leaf at the moment the circuit touches it, so the verifier can
 * check each leaf against the root as it stands after the leaves before it were written.
 * It computes under the prover's `constraints`: a prover with a bug in its circuit proves
 * the state its circuit computes.
 */
export class WitnessedState {
  private readonly accountTree = new MerkleTree(ACCOUNT_TREE_DEPTH);
  private readonly withdrawalTree = new MerkleTree(WITHDRAWAL_TREE_DEPTH);
  private readonly accounts = new Map<Address, Account>();
  private readonly indexOf = new Map<Address, number>();
  readonly withdrawals: WithdrawalLeaf[] = [];

  constructor(private readonly constraints: Constraints) {}

  account(address: Address): Account {
    return this.accounts.get(address.toLowerCase() as Address) ?? EMPTY_ACCOUNT;
  }

  roots(): StateRoots {
    return { accountsRoot: this.accountTree.root(), withdrawalsRoot: this.withdrawalTree.root(), accountCount: this.indexOf.size, withdrawalCount: this.withdrawals.length };
  }

  stateRoot() {
    return stateRootOf(this.roots());
  }

  /** Siblings of withdrawal `index` in the current withdrawal tree. */
  withdrawalProof(index: number) {
    return this.withdrawalTree.proofAtSize(index, this.withdrawals.length);
  }

  /** Applies one item and returns its witness. */
  prove(item: ProvenItem, message: L2Message): ProofStep {
    const touched = touchedBy(message).map((a) => a.toLowerCase() as Address);
    const pre = touched.map((address) => ({ address, ...this.account(address) }));
    const effect = transition((a) => this.account(a), message, this.constraints);
    const writes = new Map(effect.status === 'ok' ? effect.writes.map(([a, acc]) => [a.toLowerCase() as Address, acc]) : []);
    const leaves: LeafWitness[] = [];
    for (const p of pre) {
      const known = this.indexOf.get(p.address);
      const written = writes.get(p.address);
      if (known === undefined && !written) {
        leaves.push({ address: p.address, balanceWei: p.balanceWei, nonce: p.nonce, siblings: [] });
        continue;
      }
      const index = known ?? this.indexOf.size;
      leaves.push({ address: p.address, balanceWei: p.balanceWei, nonce: p.nonce, siblings: this.accountTree.proof(index) });
      if (!written) continue;
      this.accountTree.set(index, accountLeaf(p.address, written.balanceWei, written.nonce));
      this.accounts.set(p.address, written);
      this.indexOf.set(p.address, index);
    }
    if (effect.status !== 'ok' || !effect.withdrawal) return { item, leaves };
    const index = this.withdrawals.length;
    const withdrawalSiblings = this.withdrawalTree.proof(index);
    const w = effect.withdrawal;
    const leaf: WithdrawalLeaf = { index, from: w.from.toLowerCase() as Address, to: w.to.toLowerCase() as Address, amountWei: w.amountWei };
    this.withdrawalTree.set(index, withdrawalLeaf(leaf));
    this.withdrawals.push(leaf);
    return { item, leaves, withdrawalSiblings };
  }
}

/** The message an applied item carries, as the verifier will read it. */
export function messageOf(item: AppliedItem, delayed: readonly DelayedMessage[], chainId: number): L2Message {
  if (item.kind === 'delayed') return delayedToMessage(delayed[item.index]!);
  return authenticate(item.tx, chainId)!;
}

/** The item as it goes into a proof (without the derivation's bookkeeping). */
export function provenItem(item: AppliedItem): ProvenItem {
  return item.kind === 'tx' ? { kind: 'tx', tx: item.tx } : { kind: 'delayed', index: item.index };
}
