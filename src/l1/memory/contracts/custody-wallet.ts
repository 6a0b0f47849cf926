import type { Address } from '../../../crypto/accounts.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Slot } from '../storage.ts';

export class CustodyWallet {
  private readonly total: Slot<bigint>;

  constructor(
    env: ContractEnv,
    private readonly owner: Address,
  ) {
    this.total = env.slot(0n);
  }

  deposit(ctx: CallContext): void {
    require(ctx.value > 0n, 'deposit needs value');
    this.total.set(this.total.value + ctx.value);
    ctx.emit('Deposit', { user: ctx.sender, amountWei: ctx.value });
  }

  /** The custodial trust model in one line: no one but the custodian can move funds out. */
  release(ctx: CallContext, to: Address, amountWei: bigint): void {
    require(ctx.sender === this.owner, 'only the custodian can release funds');
    require(amountWei <= this.total.value, 'release exceeds holdings');
    this.total.set(this.total.value - amountWei);
    ctx.pay(to, amountWei);
    ctx.emit('Released', { to, amountWei });
  }

  held(): bigint {
    return this.total.value;
  }

  custodian(): Address {
    return this.owner;
  }
}
