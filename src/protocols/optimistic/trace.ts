import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { MerkleTree } from '../../crypto/merkle.ts';
import { MESSAGE_TREE_DEPTH, messageLeaf, type AccountWitness, type StepWitness } from '../../l1/contracts/one-step-proof.ts';
import { delayedToMessage, type Derivation } from '../rollup/derivation.ts';
import { L2State, touchedBy } from '../rollup/state.ts';
import { authenticate, type L2Message } from '../rollup/transaction.ts';

/** A lie told at one step: after message `step`, the attacker's balance grows by `amountWei` from nothing and is withdrawn. */
export interface Corruption {
  readonly step: number;
  readonly beneficiary: Address;
  readonly amountWei: bigint;
}

/**
 * The per-transaction intermediate roots of one commitment's segment (the L2 messages
 * applied by inbox entries [fromBatch, toBatch)), rebuilt from L1 data by derivation:
 * what a party plays a dispute game with. root[0] is the parent commitment's root,
 * root[n] the segment's final root; past n the root stays put (padding steps). A lying
 * trace corrupts one step and every root after it.
 */
export class SegmentTrace {
  readonly roots: Hex[] = [];
  readonly messagesRoot: Hex;
  private finalState: L2State;

  private constructor(
    private readonly prefix: readonly L2Message[],
    readonly messages: readonly L2Message[],
    readonly corruption?: Corruption,
  ) {
    const tree = new MerkleTree(MESSAGE_TREE_DEPTH);
    messages.forEach((m, i) => tree.set(i, messageLeaf(m)));
    this.messagesRoot = tree.root();
    const state = replay(prefix);
    this.roots.push(state.stateRoot());
    messages.forEach((m, i) => {
      state.apply(m);
      if (corruption?.step === i) corrupt(state, corruption);
      this.roots.push(state.stateRoot());
    });
    this.finalState = state;
  }

  /** The honest trace, or undefined if derivation has not reached `toBatch` (its data may be unavailable). */
  static honest(derivation: Derivation, fromBatch: number, toBatch: number): SegmentTrace | undefined {
    derivation.sync();
    if (toBatch > derivation.derivedBatchCount) return undefined;
    return new SegmentTrace(messagesIn(derivation, 0, fromBatch), messagesIn(derivation, fromBatch, toBatch));
  }

  /** A trace over messages known outright rather than derived (the contract's differential test): `prefix` builds the pre-state. */
  static of(prefix: readonly L2Message[], messages: readonly L2Message[], corruption?: Corruption): SegmentTrace {
    return new SegmentTrace(prefix, messages, corruption);
  }

  static lying(derivation: Derivation, fromBatch: number, toBatch: number, corruption: Corruption): SegmentTrace | undefined {
    const honest = SegmentTrace.honest(derivation, fromBatch, toBatch);
    if (!honest || corruption.step >= honest.stepCount) return undefined;
    return new SegmentTrace(honest.prefix, honest.messages, corruption);
  }

  get stepCount(): number {
    return this.messages.length;
  }

  get finalRoot(): Hex {
    return this.roots[this.roots.length - 1]!;
  }

  /** This trace's root after `step` steps. */
  rootAt(step: number): Hex {
    return this.roots[Math.min(step, this.stepCount)]!;
  }

  /** The state at the end of the segment (an attacker proves its minted withdrawal from it). */
  get state(): L2State {
    return this.finalState;
  }

  /** Merkle witnesses of the leaves step `step` touches, from the honest state before it. */
  witness(step: number): StepWitness {
    const state = replay(this.prefix);
    for (let i = 0; i < step; i++) state.apply(this.messages[i]!);
    const message = this.messages[step]!;
    const tree = new MerkleTree(MESSAGE_TREE_DEPTH);
    this.messages.forEach((m, i) => tree.set(i, messageLeaf(m)));
    const pre = state.roots();
    let fresh = 0;
    const accounts: AccountWitness[] = [...new Set(touchedBy(message).map((a) => a.toLowerCase() as Address))].map((address) => {
      const proof = state.accountProof(address);
      const account = state.account(address);
      if (proof) return { address, index: proof.index, present: true, balanceWei: account.balanceWei, nonce: account.nonce, siblings: proof.siblings };
      const index = pre.accountCount + fresh++;
      return { address, index, present: false, balanceWei: 0n, nonce: 0, siblings: state.accountSiblings(index) };
    });
    return { pre, message, messageSiblings: tree.proof(step), accounts, withdrawalSiblings: state.withdrawalSiblings(pre.withdrawalCount) };
  }
}

/** The messages derivation applied from inbox entries [fromBatch, toBatch), as the state transition sees them. */
export function messagesIn(derivation: Derivation, fromBatch: number, toBatch: number): L2Message[] {
  return derivation.appliedIn(fromBatch, toBatch).map((item) => {
    if (item.kind === 'delayed') return delayedToMessage(derivation.delayed[item.index]!);
    return authenticate(item.tx, derivation.rules.chainId)!;
  });
}

function replay(messages: readonly L2Message[]): L2State {
  const state = new L2State();
  for (const m of messages) state.apply(m);
  return state;
}

/** Value from nothing: a credit no L1 deposit backs, withdrawn at once so the root carries a claim on the bridge. */
function corrupt(state: L2State, c: Corruption): void {
  state.apply({ kind: 'deposit', to: c.beneficiary, amountWei: c.amountWei });
  state.apply({ kind: 'withdraw', from: c.beneficiary, to: c.beneficiary, amountWei: c.amountWei });
}
