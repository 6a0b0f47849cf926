import { account, nameOf } from '../../crypto/accounts.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { CustodyWalletFacade } from '../../l1/contracts/custody-wallet.ts';
import type { Deployed, L1, L1Log, TxId } from '../../l1/L1.ts';
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
  /** Deposit transactions already credited to the ledger. */
  private readonly credited = new Set<TxId>();

  constructor(readonly wallet: Deployed<CustodyWalletFacade>) {}

  balance(user: string): bigint {
    return this.ledger.get(user) ?? 0n;
  }

  /** Deposits on L1 that the ledger has not credited yet: owed all the same. */
  uncredited(l1: L1): Array<{ user: string; amountWei: bigint }> {
    return this.deposits(l1)
      .filter((log) => !this.credited.has(log.tx))
      .map((log) => ({ user: nameOf(log.args.user as string), amountWei: log.args.amountWei as bigint }));
  }

  /** What the exchange owes, from the users' side: the ledger, releases in flight, and deposits not yet credited. */
  owedTotal(l1: L1): bigint {
    let total = 0n;
    for (const v of this.ledger.values()) total += v;
    for (const r of this.inFlight.values()) total += r.amountWei;
    for (const d of this.uncredited(l1)) total += d.amountWei;
    return total;
  }

  /** Internal trade: a database update, invisible to L1. */
  async transfer(world: World, from: string, to: string, amountWei: bigint): Promise<void> {
    if (this.balance(from) < amountWei) throw new Error(`${from} cannot pay ${formatEth(amountWei)}: ledger balance ${formatEth(this.balance(from))}`);
    this.ledger.set(from, this.balance(from) - amountWei);
    this.ledger.set(to, this.balance(to) + amountWei);
    await world.step('action', from, `ledger transfer ${formatEth(amountWei)} to ${to}`, { amountWei });
    for (const user of [from, to]) world.recordBalance(user, this.balance(user), 'exchange');
  }

  async withdraw(world: World, user: string, amountWei: bigint): Promise<void> {
    if (this.balance(user) < amountWei) throw new Error(`${user} cannot withdraw ${formatEth(amountWei)}`);
    this.ledger.set(user, this.balance(user) - amountWei);
    world.recordBalance(user, this.balance(user), 'exchange');
    const id = await this.wallet.release({ from: account(this.name).address }, account(user).address, amountWei);
    this.inFlight.set(id, { user, amountWei });
    await world.step('action', this.name, `release ${formatEth(amountWei)} to ${user}`, { amountWei });
  }

  /**
   * Credits deposits once their block is final — an exchange that credits earlier can be
   * robbed by a reorg — and forgets releases once mined.
   */
  async onBlock(world: World): Promise<void> {
    for (const [id] of this.inFlight) if (world.l1.receipt(id).status !== 'pending') this.inFlight.delete(id);
    const finalized = world.l1.finalized().number;
    for (const log of this.deposits(world.l1)) {
      if (log.block > finalized || this.credited.has(log.tx)) continue;
      const user = nameOf(log.args.user as string);
      this.credited.add(log.tx);
      this.ledger.set(user, this.balance(user) + (log.args.amountWei as bigint));
      world.record('action', this.name, `credit ${user} ${formatEth(log.args.amountWei as bigint)}`);
      world.recordBalance(user, this.balance(user), 'exchange');
    }
  }

  private deposits(l1: L1): L1Log[] {
    return l1.logs({ contract: this.wallet.address, name: 'Deposit' });
  }
}
