import { account } from '../../crypto/accounts.ts';
import type { World } from '../../kernel/world.ts';
import type { FederationBridgeFacade } from '../../l1/contracts/federation-bridge.ts';
import type { Deployed } from '../../l1/L1.ts';
import { eth, formatEth } from '../../l1/units.ts';
import type { ProtocolInstance } from '../define.ts';
import type { Federation } from './federation.ts';
import type { SidechainLedger } from './ledger.ts';
import type { SidechainParams } from './params.ts';
import { obligations, sidechainSubjects } from './subjects.ts';
import type { SidechainUser } from './user.ts';

export interface SidechainParts {
  readonly params: SidechainParams;
  readonly bridge: Deployed<FederationBridgeFacade>;
  readonly ledger: SidechainLedger;
  readonly federation: Federation;
  readonly users: readonly SidechainUser[];
}

/** Arguments of the fuzz moves: indexes wrap around the user list. */
interface MoveArgs {
  readonly user: number;
  readonly from: number;
  readonly to: number;
  readonly eth: number;
  readonly percent: number;
}

/**
 * One run of a federated sidechain: users peg in on L1, pay each other on the
 * sidechain, and peg out with the federation's signatures.
 */
export class SidechainSession implements ProtocolInstance {
  readonly subjects: ProtocolInstance['subjects'];
  private readonly entitled = new Map<string, bigint>();
  private recoveryFrom = Infinity;

  constructor(readonly parts: SidechainParts) {
    this.subjects = sidechainSubjects(this);
  }

  get ledger(): SidechainLedger {
    return this.parts.ledger;
  }

  get federation(): Federation {
    return this.parts.federation;
  }

  get bridge(): Deployed<FederationBridgeFacade> {
    return this.parts.bridge;
  }

  get userNames(): string[] {
    return this.parts.users.map((u) => u.name);
  }

  user(name: string): SidechainUser {
    const found = this.parts.users.find((u) => u.name === name);
    if (!found) throw new Error(`no sidechain user ${name}`);
    return found;
  }

  entitledAtRecovery(user: string): bigint {
    return this.entitled.get(user) ?? 0n;
  }

  /** What the bridge paid `user` since the operator disappeared, from L1 events. */
  paidSinceRecovery(world: World, user: string): bigint {
    const address = account(user).address;
    return world.l1
      .logs({ contract: this.bridge.address, name: 'PegOut', fromBlock: this.recoveryFrom })
      .filter((l) => l.args.recipient === address)
      .reduce((sum, l) => sum + (l.args.amountWei as bigint), 0n);
  }

  async pegIn(world: World, user: string, amountWei: bigint): Promise<void> {
    await this.bridge.pegIn({ from: account(user).address, value: amountWei }, account(user).address);
    await world.step('action', user, `pegs in ${formatEth(amountWei)} at the L1 bridge`, { amountWei });
  }

  /** A sidechain payment: a request the federation may or may not put in a block. */
  async transfer(world: World, from: string, to: string, amountWei: bigint): Promise<void> {
    this.federation.submit(world, { kind: 'transfer', from, to, amountWei });
    await world.step('action', from, `asks the federation to pay ${to} ${formatEth(amountWei)} on the sidechain`, { amountWei });
  }

  async requestPegOut(world: World, user: string, amountWei: bigint): Promise<void> {
    this.federation.submit(world, { kind: 'peg-out', user, amountWei });
    await world.step('action', user, `asks the federation to peg out ${formatEth(amountWei)}`, { amountWei });
  }

  /** An ordinary session: everyone pegs in, one user pays another, who pegs half of it out. */
  async workload(world: World): Promise<void> {
    const rng = world.rng.fork('sidechain-workload');
    for (const user of this.userNames) await this.pegIn(world, user, eth(rng.int(1, 10)));
    await world.settle();
    await world.advance(world.l1.finalityDepth + 1);
    const [first, second] = [this.userNames[0]!, this.userNames[1]!];
    await this.transfer(world, first, second, this.ledger.balance(first) / BigInt(rng.int(2, 4)));
    await world.advance(1);
    await this.requestPegOut(world, second, this.ledger.balance(second) / 2n);
    await world.advance(this.parts.params.pegOutDelayBlocks + 2);
    await world.settle();
  }

  async perform(world: World, move: string, args: unknown): Promise<void> {
    const a = args as MoveArgs;
    const pick = (i: number) => this.userNames[i % this.userNames.length]!;
    if (move === 'peg-in') return this.pegIn(world, pick(a.user), eth(a.eth));
    const user = pick(move === 'transfer' ? a.from : a.user);
    const amount = (this.ledger.balance(user) * BigInt(a.percent)) / 100n;
    // A sidechain request needs funds and a federation to take it; otherwise nothing happens.
    if (amount === 0n || !this.federation.exists(world)) return void world.record('note', user, `${move} skipped: nothing to move or no federation`);
    if (move === 'transfer') await this.transfer(world, user, pick(a.to), amount);
    else await this.requestPegOut(world, user, amount);
  }

  deadlines(world: World): number[] {
    return this.federation.deadlines(world);
  }

  /**
   * The federation is gone. Each user is owed its sidechain balance, its uncredited
   * peg-ins and its unpaid peg-outs; it submits the signed peg-outs it holds, and claims
   * the rest at the bridge with nothing but its own signature — all L1 offers it.
   */
  async recover(world: World): Promise<void> {
    await world.settle();
    this.recoveryFrom = world.height + 1;
    for (const o of await obligations(world, this)) this.entitled.set(o.user, this.entitledAtRecovery(o.user) + o.amountWei);
    let claimId = this.ledger.burned.length;
    for (const user of this.parts.users) {
      await user.submitCertificates(world);
      const unsigned = this.entitledAtRecovery(user.name) - (await user.unpaidCertifiedWei());
      if (unsigned > 0n) await user.claimWithoutFederation(world, claimId++, unsigned);
    }
    await world.settle();
  }
}
