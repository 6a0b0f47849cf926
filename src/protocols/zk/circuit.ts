import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { applyTransaction, type Account, type Effect } from '../rollup/state.ts';
import type { L2Message, SignedTx } from '../rollup/transaction.ts';

/**
 * The validity proof of this model: not a SNARK but the witness a circuit would take — the
 * batch's transactions plus Merkle paths of every leaf they touch — which the L1 verifier
 * re-executes with the rollup's own `applyTransaction`. Soundness then holds by
 * construction: a proof verifies only if re-executing it from the last verified root
 * yields exactly the claimed post root.
 */

/** One touched account leaf: its pre-state, and its siblings against the running accounts root at its turn. */
export interface LeafWitness {
  readonly address: Address;
  readonly balanceWei: bigint;
  readonly nonce: number;
  readonly siblings: readonly Hex[];
}

/** What entered the chain: a signed transaction (the verifier checks the signature) or delayed message `index`. */
export type ProvenItem = { readonly kind: 'tx'; readonly tx: SignedTx } | { readonly kind: 'delayed'; readonly index: number };

export interface ProofStep {
  readonly item: ProvenItem;
  /** In `touchedBy` order; each leaf's siblings are taken after the leaves before it were written. */
  readonly leaves: readonly LeafWitness[];
  /** Siblings of the next empty withdrawal slot, when the step burns a withdrawal. */
  readonly withdrawalSiblings?: readonly Hex[];
}

export interface BatchProof {
  readonly steps: readonly ProofStep[];
}

/** The constraints a verifier enforces. A sound verifier enforces all; `unsound-verifier` drops one. */
export interface Constraints {
  /** The sender holds at least what it sends (the missing-constraint class of real prover bugs when off). */
  readonly senderBalance: boolean;
}

export const ALL_CONSTRAINTS: Constraints = { senderBalance: true };

/**
 * The state transition as a circuit with `constraints` computes it. Without the
 * sender-balance constraint nothing ties the amount to what the sender holds: the sender's
 * new balance bottoms out at zero and the recipient is credited in full — value appears
 * from nowhere, as a missing range check lets it in a real circuit.
 */
export function transition(pre: (address: Address) => Account, message: L2Message, constraints: Constraints): Effect {
  if (constraints.senderBalance || message.kind === 'deposit' || (message.kind === 'transfer' && message.from === message.to)) return applyTransaction(pre, message);
  const sender = message.from.toLowerCase();
  const wanted = message.kind === 'withdraw' && message.all ? 0n : message.amountWei;
  return applyTransaction((address) => {
    const account = pre(address);
    return address.toLowerCase() === sender && account.balanceWei < wanted ? { ...account, balanceWei: wanted } : account;
  }, message);
}
