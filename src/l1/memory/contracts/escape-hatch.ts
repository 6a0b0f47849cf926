import type { Address } from '../../../crypto/accounts.ts';
import { verifyMerkleProof, rootFromProof } from '../../../crypto/merkle.ts';
import type { DelayedMessage } from '../../contracts/delayed-inbox.ts';
import type { AccountExitProof, EscapeHatchParams } from '../../contracts/escape-hatch.ts';
import { ACCOUNT_TREE_DEPTH, accountLeaf, stateRootOf, withdrawalProven, type WithdrawalLeaf, type WithdrawalProof } from '../../contracts/rollup-state.ts';
import type { StateCommitment } from '../../contracts/state-commitments.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class EscapeHatchBridge {
  private readonly escrow: Slot<bigint>;
  private readonly paidTotal: Slot<bigint>;
  private readonly paid: Mapping<number, true>;
  private readonly escaped: Mapping<Address, true>;
  private readonly escapedTotal: Slot<bigint>;
  private readonly reclaimed: Mapping<number, true>;

  constructor(
    env: ContractEnv,
    private readonly params: EscapeHatchParams,
  ) {
    this.escrow = env.slot(0n);
    this.paidTotal = env.slot(0n);
    this.paid = env.mapping();
    this.escaped = env.mapping();
    this.escapedTotal = env.slot(0n);
    this.reclaimed = env.mapping();
  }

  deposit(ctx: CallContext, l2Recipient: Address): void {
    require(ctx.value > 0n, 'deposit needs value');
    require(!this.frozen(ctx), 'the rollup is frozen: deposits are closed');
    this.escrow.set(this.escrow.value + ctx.value);
    ctx.call(this.params.delayedInbox, 'enqueueDeposit', [ctx.sender, l2Recipient.toLowerCase(), ctx.value]);
  }

  /** Verified roots are final, so a withdrawal is paid as soon as its batch is proven (and still after a freeze). */
  finalizeWithdrawal(ctx: CallContext, commitmentIndex: number, w: WithdrawalLeaf, proof: WithdrawalProof): void {
    const commitment = ctx.view<StateCommitment | undefined>(this.params.verifier, 'commitment', [commitmentIndex]);
    require(commitment !== undefined, `no verified root ${commitmentIndex}`);
    require(withdrawalProven(commitment.stateRoot, w, proof), `withdrawal ${w.index} is not in verified root ${commitmentIndex}`);
    require(!this.paid.has(w.index), `withdrawal ${w.index} was already paid`);
    this.paid.set(w.index, true);
    this.paidTotal.set(this.paidTotal.value + w.amountWei);
    this.release(ctx, w.to, w.amountWei);
    ctx.emit('WithdrawalFinalized', { index: w.index, to: w.to, amountWei: w.amountWei, commitmentIndex });
  }

  escape(ctx: CallContext, account: Address, proof: AccountExitProof): void {
    require(this.params.escapeHatch, 'this rollup has no escape hatch');
    require(this.frozen(ctx), 'the escape hatch opens only once the rollup is frozen');
    const holder = account.toLowerCase() as Address;
    require(!this.escaped.has(holder), `${holder} has already escaped`);
    const latest = ctx.view<StateCommitment>(this.params.verifier, 'commitment', [ctx.view<number>(this.params.verifier, 'count', []) - 1]);
    const leaf = accountLeaf(holder, proof.balanceWei, proof.nonce);
    require(proof.siblings.length === ACCOUNT_TREE_DEPTH && proof.index < proof.accountCount, 'malformed account proof');
    const accountsRoot = rootFromProof(leaf, proof.index, proof.siblings);
    require(verifyMerkleProof(accountsRoot, leaf, proof.index, proof.siblings, ACCOUNT_TREE_DEPTH), 'malformed account proof');
    const root = stateRootOf({ accountsRoot, withdrawalsRoot: proof.withdrawalsRoot, accountCount: proof.accountCount, withdrawalCount: proof.withdrawalCount });
    require(root === latest.stateRoot, `account ${holder} is not in the last verified root`);
    this.escaped.set(holder, true);
    this.escapedTotal.set(this.escapedTotal.value + proof.balanceWei);
    this.release(ctx, holder, proof.balanceWei);
    ctx.emit('Escaped', { account: holder, amountWei: proof.balanceWei, commitmentIndex: latest.index });
  }

  reclaimDeposit(ctx: CallContext, delayedIndex: number): void {
    require(this.frozen(ctx), 'deposits are reclaimed only once the rollup is frozen');
    const m = ctx.view<DelayedMessage | undefined>(this.params.delayedInbox, 'message', [delayedIndex]);
    require(m !== undefined && m.kind === 'deposit', `delayed message ${delayedIndex} is not a deposit`);
    require(delayedIndex >= ctx.view<number>(this.params.verifier, 'verifiedDelayedRead', []), `deposit ${delayedIndex} was credited by a verified batch`);
    require(!this.reclaimed.has(delayedIndex), `deposit ${delayedIndex} was already reclaimed`);
    this.reclaimed.set(delayedIndex, true);
    this.release(ctx, m.sender, m.amountWei);
    ctx.emit('DepositReclaimed', { index: delayedIndex, to: m.sender, amountWei: m.amountWei });
  }

  isReclaimed(delayedIndex: number): boolean {
    return this.reclaimed.has(delayedIndex);
  }

  escrowedWei(): bigint {
    return this.escrow.value;
  }

  paidWei(): bigint {
    return this.paidTotal.value;
  }

  isPaid(withdrawalIndex: number): boolean {
    return this.paid.has(withdrawalIndex);
  }

  hasEscaped(account: Address): boolean {
    return this.escaped.has(account.toLowerCase() as Address);
  }

  escapedWei(): bigint {
    return this.escapedTotal.value;
  }

  private frozen(ctx: CallContext): boolean {
    return ctx.view<boolean>(this.params.verifier, 'isFrozen', []);
  }

  private release(ctx: CallContext, to: Address, amountWei: bigint): void {
    this.escrow.set(this.escrow.value - amountWei);
    if (amountWei > 0n) ctx.pay(to, amountWei);
  }
}
