import { account, nameOf, type Account, type Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { sign, type SignatureScheme } from '../../crypto/signatures.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { ChannelAdjudicatorFacade, ChannelRecord } from '../../l1/contracts/channel.ts';
import type { ChannelState, SignedState } from '../../l1/contracts/channel-state.ts';
import type { Deployed, MinedBlock } from '../../l1/L1.ts';
import type { Channel } from './channel.ts';
import { describeSigned, refusal } from './co-sign.ts';
import { channelsTouched } from './logs.ts';
import type { Watchtower } from './watchtower.ts';

/** How a party behaves beyond signing: what an honest one does, and what a cheater keeps. */
export interface PartyConduct {
  /** Keeps every revoked state. An honest LN node deletes them; a cheater keeps them to publish later. */
  readonly keepsRevokedStates: boolean;
  /** Answers a stale close of its channels with its latest state while the window is open. */
  readonly answersStaleCloses: boolean;
}

export const HONEST: PartyConduct = { keepsRevokedStates: false, answersStaleCloses: true };
export const CHEATER: PartyConduct = { keepsRevokedStates: true, answersStaleCloses: false };

/**
 * A channel participant. Off-chain it countersigns only states that pay it; on L1 it
 * reads the adjudicator's events and records, answers a stale close with its latest
 * state before the window ends, and finalizes once it is over.
 */
export class ChannelParty implements Actor {
  readonly account: Account;
  readonly channels: Channel[] = [];
  /** The watchtower this party hands every new state to, if it has one. */
  tower: Watchtower | undefined;
  private lastSeen = -1;

  constructor(
    readonly name: string,
    readonly role: 'honest' | 'operator',
    readonly conduct: PartyConduct,
    private readonly adjudicator: Deployed<ChannelAdjudicatorFacade>,
  ) {
    this.account = account(name);
  }

  get address(): Address {
    return this.account.address;
  }

  join(channel: Channel): void {
    this.channels.push(channel);
    this.tower?.store(channel, channel.viewOf(this).latest);
  }

  /** Checks the proposal against this party's own latest state and signs it, or refuses. */
  countersign(channel: Channel, next: ChannelState, digest: Hex, scheme: SignatureScheme): Hex {
    const me = channel.indexOf(this);
    const why = refusal(channel, me, channel.views[me].latest.state, next);
    if (why) throw new Error(`${this.name} refuses channel ${channel.name} version ${next.version}: ${why}`);
    return sign(scheme, this.account, digest);
  }

  accept(channel: Channel, signed: SignedState): void {
    const view = channel.viewOf(this);
    view.latest = signed;
    view.history?.push(signed);
    this.tower?.store(channel, signed);
  }

  async onBlock(world: World, block: MinedBlock): Promise<void> {
    // After a gap (offline, or woken up) the block's events are not enough: re-read every channel.
    const gap = block.number !== this.lastSeen + 1;
    this.lastSeen = block.number;
    const touched = gap ? undefined : channelsTouched(block, this.adjudicator.address);
    for (const channel of this.channels) {
      // A settled channel needs no attention, unless a gap (offline, or a reorg) may have undone the settlement.
      if (!gap && channel.viewOf(this).settled) continue;
      if (touched === undefined || touched.has(channel.id)) await this.reconcile(world, channel);
    }
  }

  /** Brings this party's dispute duties for `channel` up to date with the adjudicator's record. */
  async reconcile(world: World, channel: Channel): Promise<void> {
    const view = channel.viewOf(this);
    const record = await this.adjudicator.channel(channel.id);
    // Derived from L1 every time, never cached for good: a reorg can take a settlement back.
    const settledNow = record?.status === 'settled';
    if (settledNow && !view.settled) world.recordBalance(this.name, record.payouts[channel.indexOf(this)], 'L1 payout');
    view.settled = settledNow;
    if (!record || record.status !== 'closing') return;
    this.markDispute(world, channel, record);
    if (this.conduct.answersStaleCloses) await this.answer(world, channel, record);
    await this.scheduleFinalize(world, channel, record);
  }

  /** The dispute window as this party sees it, for the report's window lane; again whenever its end moves. */
  private markDispute(world: World, channel: Channel, record: ChannelRecord): void {
    const view = channel.viewOf(this);
    // Drawn once, by the party that watches for stale closes, and labelled with who closed.
    if (!this.conduct.answersStaleCloses || view.markedEnd === record.finalizesAt) return;
    view.markedEnd = record.finalizesAt;
    world.recordWindow(this.name, { name: 'channel dispute', fromL1: world.height, toL1: record.finalizesAt, id: `channel-${channel.label}`, party: `closed by ${nameOf(record.closer)}` });
  }

  /** The honest exit when the counterparty is gone: close with the latest co-signed state. */
  async closeWithLatest(world: World, channel: Channel): Promise<void> {
    const latest = channel.viewOf(this).latest;
    await this.adjudicator.close({ from: this.address }, latest.state, latest.sigs);
    await world.step('action', this.name, `closes channel ${channel.name} unilaterally with ${describeSigned(latest, channel)}`, { channel: channel.label, version: latest.state.version });
  }

  /** Publishes `signed` for `channel`: a close if the channel is open, else a challenge. What the adversary uses. */
  async publish(channel: Channel, signed: SignedState): Promise<string> {
    const record = await this.adjudicator.channel(channel.id);
    if (!record || record.status === 'open') {
      await this.adjudicator.close({ from: this.address }, signed.state, signed.sigs);
      return `${this.name} closes channel ${channel.name} with ${describeSigned(signed, channel)}`;
    }
    await this.adjudicator.challenge({ from: this.address }, signed.state, signed.sigs);
    return `${this.name} registers ${describeSigned(signed, channel)} on channel ${channel.name}`;
  }

  /** A stale state is registered: override it with the latest while a challenge can still land in the window. */
  private async answer(world: World, channel: Channel, record: ChannelRecord): Promise<void> {
    const view = channel.viewOf(this);
    const latest = view.latest.state;
    if (record.version >= latest.version) {
      const mine = record.balances[0] === latest.balances[0] && record.balances[1] === latest.balances[1];
      if (!mine) world.record('note', this.name, `cannot override the state registered on channel ${channel.name}: its version ${record.version} is not below ${this.name}'s latest, ${latest.version}`);
      return;
    }
    if (this.isPending(world, view.pending)) return;
    if (world.height + 1 >= record.finalizesAt) {
      world.record('note', this.name, `too late to challenge channel ${channel.name}: its window closes at block ${record.finalizesAt}`);
      return;
    }
    view.pending = await this.adjudicator.challenge({ from: this.address }, view.latest.state, view.latest.sigs);
    await world.step('action', this.name, `challenges the close of channel ${channel.name} (version ${record.version}) with ${describeSigned(view.latest, channel)}`, {
      channel: channel.label,
      registered: record.version,
      version: view.latest.state.version,
    });
  }

  /**
   * The closer finalizes as soon as the window is over; the other party one block later
   * if it is still needed, so that the two do not race with the same call.
   */
  private async scheduleFinalize(world: World, channel: Channel, record: ChannelRecord): Promise<void> {
    const view = channel.viewOf(this);
    const due = record.closer.toLowerCase() === this.address ? record.finalizesAt : record.finalizesAt + 1;
    if (world.height >= due) return this.finalizeIfDue(world, channel);
    if (view.finalizeDue === due) return;
    view.finalizeDue = due;
    world.at(due, `${this.name} finalizes channel ${channel.name}`, async () => {
      view.finalizeDue = undefined;
      if (this.canAct(world)) await this.finalizeIfDue(world, channel);
    });
  }

  private async finalizeIfDue(world: World, channel: Channel): Promise<void> {
    const view = channel.viewOf(this);
    const record = await this.adjudicator.channel(channel.id);
    if (!record || record.status !== 'closing' || world.height < record.finalizesAt || this.isPending(world, view.pending)) return;
    view.pending = await this.adjudicator.finalize({ from: this.address }, channel.id);
    await world.step('action', this.name, `finalizes channel ${channel.name} at version ${record.version}${record.penalized ? ' (penalized close)' : ''}`, { channel: channel.label, version: record.version });
  }

  /** Offline parties and parties removed from the world (a vanished operator) do nothing. */
  private canAct(world: World): boolean {
    return world.isOnline(this.name) && world.actorsWith(this.role).includes(this);
  }

  private isPending(world: World, tx: string | undefined): boolean {
    return tx !== undefined && world.l1.receipt(tx).status === 'pending';
  }
}
