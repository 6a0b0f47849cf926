import type { SignatureScheme } from '../../crypto/signatures.ts';
import type { World } from '../../kernel/world.ts';
import type { ChannelAdjudicatorFacade } from '../../l1/contracts/channel.ts';
import { channelIdOf, type SignedState, type SigningDomain } from '../../l1/contracts/channel-state.ts';
import type { Deployed } from '../../l1/L1.ts';
import { eth, formatEth } from '../../l1/units.ts';
import type { ProtocolInstance } from '../define.ts';
import { Channel } from './channel.ts';
import { coSign, coSignOpening, describeSigned, finalState, paymentState } from './co-sign.ts';
import type { ChannelParams } from './params.ts';
import type { ChannelParty } from './party.ts';
import { channelDeadlines, performChannelMove } from './fuzz.ts';
import { channelSubjects } from './subjects.ts';
import type { Watchtower } from './watchtower.ts';

export interface SessionParts {
  readonly adjudicator: Deployed<ChannelAdjudicatorFacade>;
  readonly domain: SigningDomain;
  /** The honest party: the user whose funds the checkers protect. */
  readonly alice: ChannelParty;
  /** The counterparty (a hub or merchant): the operator, who may cheat and may vanish. */
  readonly bob: ChannelParty;
  readonly tower: Watchtower | undefined;
  readonly params: ChannelParams;
  readonly scheme: SignatureScheme;
}

/**
 * One run of the channel protocol: its parties, channels, the adjudicator, and the
 * operations attacks and the workload compose (open, pay, close).
 */
export class ChannelSession implements ProtocolInstance {
  readonly channels: Channel[] = [];
  readonly subjects: ProtocolInstance['subjects'];

  constructor(readonly parts: SessionParts) {
    this.subjects = channelSubjects(this);
  }

  get adjudicator(): Deployed<ChannelAdjudicatorFacade> {
    return this.parts.adjudicator;
  }

  get alice(): ChannelParty {
    return this.parts.alice;
  }

  get bob(): ChannelParty {
    return this.parts.bob;
  }

  /** Parties whose funds the checkers protect. */
  get honest(): ChannelParty[] {
    return [this.parts.alice];
  }

  get capacityWei(): bigint {
    return eth(this.parts.params.capacityEth);
  }

  /** `party`'s balance in the latest state of `channel`, by its own records. */
  balanceOf(channel: Channel, party: ChannelParty): bigint {
    return channel.viewOf(party).latest.state.balances[channel.indexOf(party)];
  }

  /** Both sign version 0, the opener funds the whole capacity on L1, and both wait for the funding to be mined. */
  async open(world: World, opener: ChannelParty, counterparty: ChannelParty, capacityWei = this.capacityWei): Promise<Channel> {
    const nonce = BigInt(this.channels.length);
    const id = channelIdOf(this.parts.domain, opener.address, counterparty.address, nonce);
    const opening = coSignOpening(this.parts.domain, id, opener, counterparty, capacityWei, this.parts.scheme);
    const channel = new Channel(this.channels.length, id, [opener, counterparty], capacityWei, this.parts.domain, opening);
    this.channels.push(channel);
    opener.join(channel);
    counterparty.join(channel);
    await this.adjudicator.open({ from: opener.address, value: capacityWei }, counterparty.address, nonce);
    await world.step('action', opener.name, `opens channel ${channel.name} with ${counterparty.name}: ${formatEth(capacityWei)}`, { channel: channel.label, capacityWei });
    await world.settle();
    // Verify the funding on L1 before using the channel (CVE-2019-12998: never trust an unchecked funding output).
    if (!(await this.adjudicator.channel(id))) throw new Error(`funding of channel ${channel.name} did not reach L1`);
    return channel;
  }

  /** One off-chain payment, co-signed by both: no L1 transaction. */
  async pay(world: World, channel: Channel, payer: ChannelParty, amountWei: bigint): Promise<SignedState> {
    const signed = coSign(channel, payer, paymentState(channel, payer, amountWei), this.parts.scheme);
    const payee = channel.counterpartyOf(payer);
    await world.step('action', payer.name, `pays ${formatEth(amountWei)} to ${payee.name} in channel ${channel.name} (version ${signed.state.version})`, {
      channel: channel.label,
      version: signed.state.version,
      amountWei,
    });
    for (const party of channel.parties) world.recordBalance(party.name, this.balanceOf(channel, party), `channel ${channel.name}`);
    return signed;
  }

  /**
   * An ordinary session that ends in a refund: alice pays bob half her balance, then bob
   * pays a quarter of it back, so every state before the latest pays bob more than the
   * latest does — what makes publishing an old state worth a cheater's while.
   */
  async sessionEndingInRefund(world: World): Promise<Channel> {
    await this.workload(world);
    const channel = this.channels[0]!;
    const payment = this.balanceOf(channel, this.alice) / 2n;
    await this.pay(world, channel, this.alice, payment);
    await this.pay(world, channel, this.bob, payment / 2n);
    return channel;
  }

  /** Both sign a final state and either concludes it on L1 at once: no window to wait. */
  async closeCooperatively(world: World, channel: Channel): Promise<void> {
    const [opener] = channel.parties;
    const signed = coSign(channel, opener, finalState(channel, opener), this.parts.scheme);
    await this.adjudicator.conclude({ from: opener.address }, signed.state, signed.sigs);
    await world.step('action', opener.name, `concludes channel ${channel.name} cooperatively with ${describeSigned(signed, channel)}`, { channel: channel.label, version: signed.state.version });
    await world.settle();
  }

  /** An ordinary session: alice opens a channel to bob and pays him, and he refunds some of it now and then. */
  async workload(world: World): Promise<void> {
    const rng = world.rng.fork('channel-workload');
    const channel = this.channels[0] ?? (await this.open(world, this.alice, this.bob));
    for (let i = 0; i < this.parts.params.payments; i++) {
      let payer = rng.chance(0.7) ? this.alice : this.bob;
      if (this.balanceOf(channel, payer) === 0n) payer = channel.counterpartyOf(payer);
      const amount = (this.balanceOf(channel, payer) * BigInt(rng.int(5, 40))) / 100n;
      if (amount > 0n) await this.pay(world, channel, payer, amount);
    }
  }

  perform(world: World, move: string, args: unknown): Promise<void> {
    return performChannelMove(this, world, move, args);
  }

  deadlines(): Promise<number[]> {
    return channelDeadlines(this);
  }

  /**
   * The counterparty is gone: each honest party closes every open channel with its latest
   * state (or keeps answering a close already under way), waits out the window and
   * finalizes — L1 alone, plus its own records.
   */
  async recover(world: World): Promise<void> {
    for (const party of this.honest) {
      for (const channel of party.channels) {
        const record = await this.adjudicator.channel(channel.id);
        if (record?.status === 'open') await party.closeWithLatest(world, channel);
        else await party.reconcile(world, channel);
      }
    }
    await world.settle();
    let last = world.height;
    for (const channel of this.channels) {
      const record = await this.adjudicator.channel(channel.id);
      if (record?.status === 'closing') last = Math.max(last, record.finalizesAt + 1);
    }
    await world.advanceTo(last);
    await world.settle();
  }
}

/** The channel session behind a protocol instance, for attacks and capabilities written for channels. */
export function asChannelSession(instance: ProtocolInstance): ChannelSession {
  if (!(instance instanceof ChannelSession)) throw new Error('this attack scripts a payment channel: run it against the channel protocol');
  return instance;
}
