import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { hashLeaf, hashPair, rootFromProof, verifyMerkleProof, zeroHash } from '../../crypto/merkle.ts';
import { applyTransaction, EMPTY_ACCOUNT, type Account } from '../../protocols/rollup/state.ts';
import { touchedBy } from '../../protocols/rollup/state.ts';
import type { L2Message } from '../../protocols/rollup/transaction.ts';
import { ACCOUNT_TREE_DEPTH, accountLeaf, stateRootOf, WITHDRAWAL_TREE_DEPTH, withdrawalLeaf, type StateRoots } from './rollup-state.ts';

/**
 * The one-step proof: what L1 re-executes at the end of a bisection. It is a stateless
 * library (Arbitrum's OneStepProver, OP's MIPS VM) — the dispute game calls it with the
 * agreed pre-state root and the disputed step, and it returns the post-state root the
 * rules give. The rules are `applyTransaction`, the very function the L2 state machine
 * runs: it reads only the leaves `touchedBy(message)`, which the witness supplies with
 * Merkle proofs, so there is exactly one definition of the rollup's state transition.
 */

/** Message leaves per segment: 2^20 L2 messages between two commitments, far beyond any model run. */
export const MESSAGE_TREE_DEPTH = 20;

const KIND_CODE = { deposit: 0, transfer: 1, withdraw: 2 } as const;
const NO_NONCE = 2n ** 64n - 1n;
const NO_SENDER = '0x0000000000000000000000000000000000000000';

/** keccak(abi.encode(kind, from, to, amount, nonce, all)): a segment's message list is a Merkle tree of these. */
export function messageLeaf(m: L2Message): Hex {
  const from = m.kind === 'deposit' ? NO_SENDER : m.from.toLowerCase();
  const nonce = m.kind === 'deposit' || m.nonce === undefined ? NO_NONCE : BigInt(m.nonce);
  const all = m.kind === 'withdraw' && m.all ? 1 : 0;
  return hashLeaf([KIND_CODE[m.kind], from as Hex, m.to.toLowerCase() as Hex, m.amountWei, nonce, all]);
}

/** A touched account leaf as the prover shows it: present at `index`, or absent (its leaf empty at the next free index). */
export interface AccountWitness {
  readonly address: Address;
  readonly index: number;
  readonly present: boolean;
  readonly balanceWei: bigint;
  readonly nonce: number;
  readonly siblings: readonly Hex[];
}

/** Everything the one-step proof needs besides the two roots: the step's message and the leaves it touches. */
export interface StepWitness {
  /** The four values the agreed pre-state root commits to. */
  readonly pre: StateRoots;
  readonly message: L2Message;
  /** Siblings of the message at its step index in the segment's message tree. */
  readonly messageSiblings: readonly Hex[];
  /** One per distinct address `touchedBy(message)`, in that order. */
  readonly accounts: readonly AccountWitness[];
  /** Siblings of the empty withdrawal slot at `pre.withdrawalCount` (where a withdrawal would append). */
  readonly withdrawalSiblings: readonly Hex[];
}

export type StepResult = { readonly ok: true; readonly postRoot: Hex } | { readonly ok: false; readonly reason: string };

/** Re-executes step `step` of a segment from `preRoot`: the post-state root, or why the witness does not prove anything. */
export function executeStep(preRoot: Hex, messagesRoot: Hex, step: number, witness: StepWitness): StepResult {
  const { pre, message } = witness;
  if (stateRootOf(pre) !== preRoot) return { ok: false, reason: 'witness pre-state does not match the agreed root' };
  if (!verifyMerkleProof(messagesRoot, messageLeaf(message), step, witness.messageSiblings, MESSAGE_TREE_DEPTH)) {
    return { ok: false, reason: `message is not step ${step} of the segment` };
  }
  const touched = distinct(touchedBy(message));
  if (witness.accounts.length !== touched.length) return { ok: false, reason: 'witness must show every touched account' };
  let fresh = 0;
  for (let i = 0; i < touched.length; i++) {
    const a = witness.accounts[i]!;
    if (a.address.toLowerCase() !== touched[i]) return { ok: false, reason: `witness account ${i} is not ${touched[i]}` };
    const why = a.present ? checkPresent(pre, a) : checkAbsent(pre, a, pre.accountCount + fresh++);
    if (why) return { ok: false, reason: why };
  }
  const byAddress = new Map(witness.accounts.map((a) => [a.address.toLowerCase(), a]));
  const effect = applyTransaction((address) => accountOf(byAddress.get(address.toLowerCase())), message);
  if (effect.status !== 'ok') return { ok: true, postRoot: preRoot };
  const updates = effect.writes.map(([address, account]) => {
    const a = byAddress.get(address.toLowerCase())!;
    return { index: a.index, leaf: accountLeaf(a.address.toLowerCase() as Address, account.balanceWei, account.nonce), siblings: a.siblings };
  });
  let withdrawalsRoot = pre.withdrawalsRoot;
  let withdrawalCount = pre.withdrawalCount;
  if (effect.withdrawal) {
    if (!verifyMerkleProof(pre.withdrawalsRoot, zeroHash(0), pre.withdrawalCount, witness.withdrawalSiblings, WITHDRAWAL_TREE_DEPTH)) {
      return { ok: false, reason: 'withdrawal slot witness does not match the pre-state' };
    }
    const w = effect.withdrawal;
    const leaf = withdrawalLeaf({ index: withdrawalCount, from: w.from.toLowerCase() as Address, to: w.to.toLowerCase() as Address, amountWei: w.amountWei });
    withdrawalsRoot = rootFromProof(leaf, withdrawalCount, witness.withdrawalSiblings);
    withdrawalCount += 1;
  }
  const accountsRoot = updateLeaves(updates, ACCOUNT_TREE_DEPTH);
  return { ok: true, postRoot: stateRootOf({ accountsRoot, withdrawalsRoot, accountCount: pre.accountCount + fresh, withdrawalCount }) };
}

function distinct(addresses: readonly Address[]): string[] {
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

function accountOf(a: AccountWitness | undefined): Account {
  return a && a.present ? { balanceWei: a.balanceWei, nonce: a.nonce } : EMPTY_ACCOUNT;
}

function checkPresent(pre: StateRoots, a: AccountWitness): string | undefined {
  if (a.index >= pre.accountCount) return `account ${a.address} claimed at index ${a.index}, past the ${pre.accountCount} accounts`;
  const leaf = accountLeaf(a.address.toLowerCase() as Address, a.balanceWei, a.nonce);
  return verifyMerkleProof(pre.accountsRoot, leaf, a.index, a.siblings, ACCOUNT_TREE_DEPTH) ? undefined : `account ${a.address} is not at index ${a.index}`;
}

/**
 * A new account takes the next free index, so its leaf must be empty there. KNOWN GAP: the
 * tree is indexed by first appearance, not by address, so this does not prove the address
 * is absent everywhere else; an address-keyed (sparse) tree would.
 */
function checkAbsent(pre: StateRoots, a: AccountWitness, expected: number): string | undefined {
  if (a.index !== expected) return `a new account takes index ${expected}, not ${a.index}`;
  return verifyMerkleProof(pre.accountsRoot, zeroHash(0), a.index, a.siblings, ACCOUNT_TREE_DEPTH) ? undefined : `leaf ${a.index} is not empty`;
}

/**
 * The root after writing several leaves at once, each proven against the same pre-root:
 * where two paths meet, the sibling one side needs is the other side's new node.
 */
export function updateLeaves(updates: ReadonlyArray<{ index: number; leaf: Hex; siblings: readonly Hex[] }>, depth: number): Hex {
  let level = new Map<number, { node: Hex; siblings: readonly Hex[] }>();
  for (const u of updates) level.set(u.index, { node: u.leaf, siblings: u.siblings });
  for (let l = 0; l < depth; l++) {
    const next = new Map<number, { node: Hex; siblings: readonly Hex[] }>();
    for (const [position, entry] of [...level.entries()].sort(([a], [b]) => a - b)) {
      const parent = Math.floor(position / 2);
      if (next.has(parent)) continue;
      const sibling = level.get(position ^ 1)?.node ?? entry.siblings[l]!;
      next.set(parent, { node: position % 2 === 0 ? hashPair(entry.node, sibling) : hashPair(sibling, entry.node), siblings: entry.siblings });
    }
    level = next;
  }
  return level.get(0)!.node;
}
