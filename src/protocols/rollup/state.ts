import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { MerkleTree } from '../../crypto/merkle.ts';
import {
  ACCOUNT_TREE_DEPTH,
  accountLeaf as accountLeafOf,
  stateRootOf,
  WITHDRAWAL_TREE_DEPTH,
  withdrawalLeaf,
  type StateRoots,
  type WithdrawalLeaf,
} from '../../l1/contracts/rollup-state.ts';
import type { L2Message } from './transaction.ts';

export { ACCOUNT_TREE_DEPTH, WITHDRAWAL_TREE_DEPTH, stateRootOf, withdrawalLeaf, type StateRoots, type WithdrawalLeaf };

export interface Account {
  readonly balanceWei: bigint;
  readonly nonce: number;
}

export const EMPTY_ACCOUNT: Account = { balanceWei: 0n, nonce: 0 };

/** What applying a message does: the account leaves to write and at most one withdrawal to append. */
export type Effect =
  | { readonly status: 'ok'; readonly writes: ReadonlyArray<readonly [Address, Account]>; readonly withdrawal?: { readonly from: Address; readonly to: Address; readonly amountWei: bigint } }
  | { readonly status: 'failed'; readonly reason: string };

/** The account leaves a message reads and may write, in order: what a one-step proof must witness. */
export function touchedBy(message: L2Message): Address[] {
  switch (message.kind) {
    case 'deposit':
      return [message.to];
    case 'transfer':
      return message.from === message.to ? [message.from] : [message.from, message.to];
    case 'withdraw':
      return [message.from];
  }
}

/**
 * THE state transition of the rollup — the single definition of its rules, shared by the
 * sequencer, derivation and (later) the one-step fraud proof and the zk re-execution
 * verifier. Pure: it reads only the touched leaves through `pre` and returns the leaves to
 * write, so it runs the same over a full state or over Merkle witnesses of two leaves.
 * A failed message changes nothing, not even the nonce: it is dropped, as an L2 node
 * drops an invalid transaction from a batch.
 */
export function applyTransaction(pre: (address: Address) => Account, message: L2Message): Effect {
  switch (message.kind) {
    case 'deposit': {
      const to = pre(message.to);
      return { status: 'ok', writes: [[message.to, { ...to, balanceWei: to.balanceWei + message.amountWei }]] };
    }
    case 'transfer': {
      const from = pre(message.from);
      const checked = checkSender(from, message.amountWei, message.nonce);
      if (checked) return checked;
      const nonce = message.nonce === undefined ? from.nonce : from.nonce + 1;
      if (message.from === message.to) return { status: 'ok', writes: [[message.from, { ...from, nonce }]] };
      const to = pre(message.to);
      return {
        status: 'ok',
        writes: [
          [message.from, { balanceWei: from.balanceWei - message.amountWei, nonce }],
          [message.to, { ...to, balanceWei: to.balanceWei + message.amountWei }],
        ],
      };
    }
    case 'withdraw': {
      const from = pre(message.from);
      const amountWei = message.all ? from.balanceWei : message.amountWei;
      const checked = checkSender(from, amountWei, message.nonce);
      if (checked) return checked;
      if (amountWei === 0n) return { status: 'failed', reason: 'nothing to withdraw' };
      const nonce = message.nonce === undefined ? from.nonce : from.nonce + 1;
      return { status: 'ok', writes: [[message.from, { balanceWei: from.balanceWei - amountWei, nonce }]], withdrawal: { from: message.from, to: message.to, amountWei } };
    }
  }
}

function checkSender(from: Account, amountWei: bigint, nonce: number | undefined): Effect | undefined {
  if (nonce !== undefined && nonce !== from.nonce) return { status: 'failed', reason: `bad nonce ${nonce}, account is at ${from.nonce}` };
  if (amountWei < 0n) return { status: 'failed', reason: 'negative amount' };
  if (from.balanceWei < amountWei) return { status: 'failed', reason: `insufficient balance: has ${from.balanceWei} wei, sends ${amountWei}` };
  return undefined;
}

export function accountLeaf(address: Address, account: Account): Hex {
  return accountLeafOf(address, account.balanceWei, account.nonce);
}

type Undo = () => void;

/**
 * The full L2 state: accounts at fixed leaf indices (in order of first appearance, as
 * zkSync and StarkEx assign account ids) and an append-only withdrawal list, each under a
 * keccak Merkle tree. Roots are lazy: leaves are hashed only when a root is asked for, and
 * only those written since. With a journal, writes can be undone to a mark (reorgs).
 */
export class L2State {
  private accounts = new Map<Address, Account>();
  private indexOf = new Map<Address, number>();
  private addresses: Address[] = [];
  private accountTree = new MerkleTree(ACCOUNT_TREE_DEPTH);
  private withdrawalTree = new MerkleTree(WITHDRAWAL_TREE_DEPTH);
  private dirty = new Set<Address>();
  private journal: Undo[] | undefined;
  readonly withdrawals: WithdrawalLeaf[] = [];
  supplyWei = 0n;
  withdrawnWei = 0n;

  /** Keeps an undo log so `rollbackTo` can return to any `mark()` (derivation across L1 reorgs). */
  static journaled(): L2State {
    const state = new L2State();
    state.journal = [];
    return state;
  }

  account(address: Address): Account {
    return this.accounts.get(address.toLowerCase() as Address) ?? EMPTY_ACCOUNT;
  }

  get accountCount(): number {
    return this.addresses.length;
  }

  /** Applies one authenticated message; a failure leaves the state untouched. */
  apply(message: L2Message): Effect {
    const effect = applyTransaction((a) => this.account(a), message);
    if (effect.status !== 'ok') return effect;
    for (const [address, account] of effect.writes) this.write(address.toLowerCase() as Address, account);
    if (effect.withdrawal) this.appendWithdrawal(effect.withdrawal);
    return effect;
  }

  roots(): StateRoots {
    this.flush();
    return {
      accountsRoot: this.accountTree.root(),
      withdrawalsRoot: this.withdrawalTree.root(),
      accountCount: this.addresses.length,
      withdrawalCount: this.withdrawals.length,
    };
  }

  stateRoot(): Hex {
    return stateRootOf(this.roots());
  }

  /** Siblings proving withdrawal `index` in the withdrawal tree as it was with `count` leaves. */
  withdrawalProof(index: number, count = this.withdrawals.length): Hex[] {
    return this.withdrawalTree.proofAtSize(index, count);
  }

  withdrawalsRootAt(count: number): Hex {
    return this.withdrawalTree.rootAtSize(count);
  }

  /** An account's leaf index and siblings against the current accounts root (escape hatches). */
  accountProof(address: Address): { index: number; siblings: Hex[] } | undefined {
    const index = this.indexOf.get(address.toLowerCase() as Address);
    if (index === undefined) return undefined;
    this.flush();
    return { index, siblings: this.accountTree.proof(index) };
  }

  /** Siblings of account slot `index` in the current tree, empty slots included (one-step proof witnesses). */
  accountSiblings(index: number): Hex[] {
    this.flush();
    return this.accountTree.proof(index);
  }

  /** Siblings of withdrawal slot `index` in the current tree (the next free one: where a withdrawal would append). */
  withdrawalSiblings(index: number): Hex[] {
    return this.withdrawalTree.proof(index);
  }

  /** Every account with a non-zero balance, sorted by address. */
  holders(): Array<[Address, Account]> {
    return [...this.accounts.entries()].filter(([, a]) => a.balanceWei > 0n).sort(([a], [b]) => (a < b ? -1 : 1));
  }

  mark(): number {
    if (!this.journal) throw new Error('this L2 state keeps no journal');
    return this.journal.length;
  }

  rollbackTo(mark: number): void {
    const journal = this.journal;
    if (!journal) throw new Error('this L2 state keeps no journal');
    while (journal.length > mark) journal.pop()!();
  }

  /** Forgets undo entries below `mark` (data past L1 finality can no longer be reorged). */
  forget(mark: number): number {
    if (!this.journal || mark <= 0) return 0;
    this.journal.splice(0, mark);
    return mark;
  }

  /** An independent copy without a journal (the sequencer's soft state). */
  clone(): L2State {
    this.flush();
    const copy = new L2State();
    copy.accounts = new Map(this.accounts);
    copy.indexOf = new Map(this.indexOf);
    copy.addresses = this.addresses.slice();
    copy.accountTree = this.accountTree.clone();
    copy.withdrawalTree = this.withdrawalTree.clone();
    copy.withdrawals.push(...this.withdrawals);
    copy.supplyWei = this.supplyWei;
    copy.withdrawnWei = this.withdrawnWei;
    return copy;
  }

  private write(address: Address, account: Account): void {
    const old = this.accounts.get(address);
    const isNew = !this.indexOf.has(address);
    this.supplyWei += account.balanceWei - (old?.balanceWei ?? 0n);
    if (isNew) {
      this.indexOf.set(address, this.addresses.length);
      this.addresses.push(address);
    }
    this.accounts.set(address, account);
    this.dirty.add(address);
    this.journal?.push(() => {
      this.supplyWei -= account.balanceWei - (old?.balanceWei ?? 0n);
      this.dirty.add(address);
      if (!isNew) {
        this.accounts.set(address, old!);
        return;
      }
      this.accounts.delete(address);
      this.indexOf.delete(address);
      this.addresses.pop();
      this.dirty.delete(address);
      this.accountTree.truncate(this.addresses.length);
    });
  }

  private appendWithdrawal(w: { from: Address; to: Address; amountWei: bigint }): void {
    const leaf: WithdrawalLeaf = { index: this.withdrawals.length, from: w.from.toLowerCase() as Address, to: w.to.toLowerCase() as Address, amountWei: w.amountWei };
    this.withdrawals.push(leaf);
    this.withdrawnWei += leaf.amountWei;
    this.withdrawalTree.set(leaf.index, withdrawalLeaf(leaf));
    this.journal?.push(() => {
      this.withdrawals.pop();
      this.withdrawnWei -= leaf.amountWei;
      this.withdrawalTree.truncate(this.withdrawals.length);
    });
  }

  private flush(): void {
    if (this.dirty.size === 0) return;
    for (const address of this.dirty) {
      const index = this.indexOf.get(address);
      if (index !== undefined) this.accountTree.set(index, accountLeaf(address, this.accounts.get(address)!));
    }
    this.dirty.clear();
  }
}
