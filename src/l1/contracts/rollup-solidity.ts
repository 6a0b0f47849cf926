import type { Hex } from '../../crypto/keccak.ts';
import type { L2Message } from '../../protocols/rollup/transaction.ts';
import type { StepWitness } from './one-step-proof.ts';

/**
 * The rollup's TS values as contracts/lib/RollupState.sol and contracts/interfaces/
 * IOneStepProof.sol take them (ContractSpec.toSolidity, anvil): a message is one flat
 * struct — the kind as the code its leaf commits to, no sender for a deposit, NO_NONCE
 * where the TS message has none — and a witness account names its address `account`
 * (`address` is a Solidity keyword).
 */

/** type(uint64).max: the nonce word of a message without one (one-step-proof.ts messageLeaf uses the same). */
export const SOLIDITY_NO_NONCE = 2n ** 64n - 1n;
const KIND_CODE = { deposit: 0, transfer: 1, withdraw: 2 } as const;
const NO_SENDER = '0x0000000000000000000000000000000000000000';

export interface SolidityMessage {
  readonly kind: number;
  readonly from: string;
  readonly to: string;
  readonly amountWei: bigint;
  readonly nonce: bigint;
  readonly all: boolean;
}

export function messageToSolidity(m: L2Message): SolidityMessage {
  return {
    kind: KIND_CODE[m.kind],
    from: m.kind === 'deposit' ? NO_SENDER : m.from,
    to: m.to,
    amountWei: m.amountWei,
    nonce: m.kind === 'deposit' || m.nonce === undefined ? SOLIDITY_NO_NONCE : BigInt(m.nonce),
    all: m.kind === 'withdraw' && m.all === true,
  };
}

/** IOneStepProof.StepWitness. */
export function stepWitnessToSolidity(w: StepWitness): unknown {
  return {
    pre: w.pre,
    message: messageToSolidity(w.message),
    messageSiblings: w.messageSiblings,
    accounts: w.accounts.map((a) => ({ account: a.address, index: a.index, present: a.present, balanceWei: a.balanceWei, nonce: a.nonce, siblings: a.siblings as Hex[] })),
    withdrawalSiblings: w.withdrawalSiblings,
  };
}
