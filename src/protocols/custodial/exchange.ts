import { account, nameOf } from '../../crypto/accounts.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { CustodyWalletFacade } from '../../l1/contracts/custody-wallet.ts';
import type { Deployed, MinedBlock, TxId } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';

/**
 * An exchange's internal ledger. Balances live only in the operator's database; L1 sees
 * deposits into one wallet and releases out of it, nothing in between.
 */
export class Exchange implements Actor {
  readonly name = 'custodian';
  readonly role = 'operator' as const;
  readonly ledger = new Map<string, bigint>();
  /** Releases sent to L1 but not yet mined: still owed. */
  readonly inFlight = new Map<TxId, { user: string; amountWei: bigint }>();

  constructor(readonly wallet: Deployed<CustodyWalletFacade>) {}

  balance(user: string): bigint {
    return this.ledger.get(user) ?? 0n;
  }

  owedTotal(): bigint {
    let total = 0n;
    for (const v of this.ledger.values()) total += v;
    for (const r of this.inFlight.values()) total += r.amountWei;
    return total;
  }

  /** Internal trade: a database update, invisible to L1. */
  async transfer(world: World, from: string, to: string, amountWei: bigint): Promise<void> {
    if (this.balance(from) < amountWei) throw new Error(`${from} cannot pay ${formatEth(amountWei)}: ledger balance ${formatEth(this.balance(from))}`);
    this.ledger.set(from, this.balance(from) - amountWei);
    this.ledger.set(to, this.balance(to) + amountWei);
    await world.step('action', from, `ledger transfer ${formatEth(amountWei)} to ${to}`, { amountWei });
  }

  async withdraw(world: World, user: string, amountWei: bigint): Promise<void> {
    if (this.balance(user) < amountWei) throw new Error(`${user} cannot withdraw ${formatEth(amountWei)}`);
    this.ledger.set(user, this.balance(user) - amountWei);
    const id = await this.wallet.release({ from: account(this.name).address }, account(user).address, amountWei);
    this.inFlight.set(id, { user, amountWei });
    await world.step('action', this.name, `release ${formatEth(amountWei)} to ${user}`, { amountWei });
  }

  /** Credits deposits in the block they land in, and forgets releases once mined. */
  async onBlock(world: World, block: MinedBlock): Promise<void> {
    for (const tx of block.txs) {
      this.inFlight.delete(tx.id);
      for (const log of tx.logs) {
        if (log.contract !== this.wallet.address || log.name !== 'Deposit') continue;
        const user = nameOf(log.args.user as string);
        this.ledger.set(user, this.balance(user) + (log.args.amountWei as bigint));
        world.record('action', this.name, `credit ${user} ${formatEth(log.args.amountWei as bigint)}`);
      }
    }
  }
}
