import type { Address } from '../../../crypto/accounts.ts';
import type { RollupBridgeParams } from '../../contracts/bridge.ts';
import { withdrawalProven, type WithdrawalLeaf, type WithdrawalProof } from '../../contracts/rollup-state.ts';
import type { StateCommitment } from '../../contracts/state-commitments.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class RollupBridge {
  private readonly escrow: Slot<bigint>;
  private readonly paidTotal: Slot<bigint>;
  private readonly paid: Mapping<number, true>;

  constructor(
    env: ContractEnv,
    private readonly params: RollupBridgeParams,
  ) {
    this.escrow = env.slot(0n);
    this.paidTotal = env.slot(0n);
    this.paid = env.mapping();
  }

  deposit(ctx: CallContext, l2Recipient: Address): void {
    require(ctx.value > 0n, 'deposit needs value');
    this.escrow.set(this.escrow.value + ctx.value);
    ctx.call(this.params.delayedInbox, 'enqueueDeposit', [ctx.sender, l2Recipient.toLowerCase(), ctx.value]);
  }

  finalizeWithdrawal(ctx: CallContext, commitmentIndex: number, w: WithdrawalLeaf, proof: WithdrawalProof): void {
    const commitment = ctx.view<StateCommitment | undefined>(this.params.commitments, 'commitment', [commitmentIndex]);
    require(commitment !== undefined, `no commitment ${commitmentIndex}`);
    const final = ctx.view<boolean>(this.params.commitments, 'isFinalAt', [commitmentIndex, ctx.block.number]);
    require(final || !this.params.requireFinalRoot, `commitment ${commitmentIndex} is not final yet`);
    require(withdrawalProven(commitment.stateRoot, w, proof), `withdrawal ${w.index} is not in commitment ${commitmentIndex}`);
    require(!this.paid.has(w.index), `withdrawal ${w.index} was already paid`);
    this.paid.set(w.index, true);
    this.paidTotal.set(this.paidTotal.value + w.amountWei);
    this.escrow.set(this.escrow.value - w.amountWei);
    ctx.pay(w.to, w.amountWei);
    // `final` records what the commitments contract said at payment time (withdrawal-finality reads it).
    ctx.emit('WithdrawalFinalized', { index: w.index, to: w.to, amountWei: w.amountWei, commitmentIndex, final });
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
}
