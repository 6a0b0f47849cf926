import type { Address } from '../../../crypto/accounts.ts';
import type { Hex } from '../../../crypto/keccak.ts';
import { signerOf } from '../../../crypto/signatures.ts';
import { channelIdOf, stateDigest, type ChannelState, type SigningDomain } from '../../contracts/channel-state.ts';
import type { AdjudicatorParams, ChannelRecord } from '../../contracts/channel.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

const ZERO_ADDRESS = `0x${'00'.repeat(20)}` as Address;

/**
 * The adjudicator: it holds each channel's capacity and pays it out according to the
 * co-signed state that survives the challenge window (Perun's `register`/`refute`,
 * ForceMove's `challenge`/`checkpoint`, LN's commitment + justice transactions).
 */
export class ChannelAdjudicator {
  private readonly channels: Mapping<Hex, ChannelRecord>;
  private readonly total: Slot<bigint>;
  private readonly domain: SigningDomain;

  constructor(
    env: ContractEnv,
    private readonly params: AdjudicatorParams,
  ) {
    this.channels = env.mapping();
    this.total = env.slot(0n);
    this.domain = { chainId: params.chainId, adjudicator: env.address, bindsChannel: params.bindsChannel };
  }

  open(ctx: CallContext, counterparty: Address, nonce: bigint): void {
    require(ctx.value > 0n, 'open needs the channel capacity as value');
    require(counterparty.toLowerCase() !== ctx.sender.toLowerCase(), 'a channel needs two different participants');
    const channelId = channelIdOf(this.domain, ctx.sender, counterparty, nonce);
    require(!this.channels.has(channelId), 'channel already exists');
    this.channels.set(channelId, {
      participants: [ctx.sender, counterparty],
      capacityWei: ctx.value,
      heldWei: ctx.value,
      status: 'open',
      version: 0,
      balances: [ctx.value, 0n],
      closer: ZERO_ADDRESS,
      finalizesAt: 0,
      penalized: false,
      payouts: [0n, 0n],
    });
    this.total.set(this.total.value + ctx.value);
    ctx.emit('Opened', { channelId, opener: ctx.sender, counterparty, capacityWei: ctx.value });
  }

  close(ctx: CallContext, state: ChannelState, sigs: readonly [Hex, Hex]): void {
    const channel = this.coSigned(state, sigs);
    require(channel.status === 'open', 'channel is not open');
    require(participantIndex(channel, ctx.sender) >= 0, 'only a participant can close a channel');
    const finalizesAt = ctx.block.number + this.params.challengePeriodBlocks;
    this.channels.set(state.channelId, { ...channel, status: 'closing', ...registered(state), closer: ctx.sender, finalizesAt, penalized: false });
    ctx.emit('Closing', { channelId: state.channelId, version: state.version, closer: ctx.sender, finalizesAt });
  }

  challenge(ctx: CallContext, state: ChannelState, sigs: readonly [Hex, Hex]): void {
    const channel = this.coSigned(state, sigs);
    require(channel.status === 'closing', 'channel has no close to challenge');
    require(ctx.block.number < channel.finalizesAt, 'challenge period is over');
    const newer = state.version > channel.version;
    // The rule that makes an old state useless: only a strictly newer one may replace it.
    require(newer || !this.params.requiresNewerVersion, 'version is not newer than the registered one');
    // A newer co-signed state proves the closer published a revoked one.
    const penalized = this.params.penalty && newer;
    this.channels.set(state.channelId, { ...channel, ...registered(state), penalized });
    ctx.emit('Challenged', { channelId: state.channelId, version: state.version, challenger: ctx.sender, penalized });
  }

  finalize(ctx: CallContext, channelId: Hex): void {
    const channel = this.channels.get(channelId);
    require(channel, 'unknown channel');
    require(channel.status === 'closing', 'channel is not closing');
    require(ctx.block.number >= channel.finalizesAt, 'challenge period is not over');
    this.settle(ctx, channelId, channel, channel.penalized ? forfeit(channel) : channel.balances, false);
  }

  conclude(ctx: CallContext, state: ChannelState, sigs: readonly [Hex, Hex]): void {
    const channel = this.coSigned(state, sigs);
    require(state.isFinal, 'only a final state concludes a channel');
    require(channel.status !== 'settled', 'channel is already settled');
    this.settle(ctx, state.channelId, { ...channel, ...registered(state) }, state.balances, true);
  }

  channel(channelId: Hex): ChannelRecord | undefined {
    return this.channels.get(channelId);
  }

  held(): bigint {
    return this.total.value;
  }

  signingDomain(): SigningDomain {
    return this.domain;
  }

  challengePeriodBlocks(): number {
    return this.params.challengePeriodBlocks;
  }

  penaltyMode(): boolean {
    return this.params.penalty;
  }

  private settle(ctx: CallContext, channelId: Hex, channel: ChannelRecord, payouts: readonly [bigint, bigint], cooperative: boolean): void {
    const paid = payouts[0] + payouts[1];
    require(paid <= channel.heldWei, 'payout exceeds what the channel holds');
    this.channels.set(channelId, { ...channel, status: 'settled', heldWei: channel.heldWei - paid, payouts: [payouts[0], payouts[1]] });
    this.total.set(this.total.value - paid);
    if (payouts[0] > 0n) ctx.pay(channel.participants[0], payouts[0]);
    if (payouts[1] > 0n) ctx.pay(channel.participants[1], payouts[1]);
    ctx.emit('Settled', { channelId, version: channel.version, payouts: [payouts[0], payouts[1]], penalized: channel.penalized, cooperative });
  }

  /** The channel a state belongs to, after checking it is well-formed and signed by both participants. */
  private coSigned(state: ChannelState, sigs: readonly [Hex, Hex]): ChannelRecord {
    const channel = this.channels.get(state.channelId);
    require(channel, 'unknown channel');
    require(Number.isSafeInteger(state.version) && state.version >= 0, 'version must be a non-negative integer');
    const [b0, b1] = state.balances;
    require(b0 >= 0n && b1 >= 0n && b0 + b1 === channel.capacityWei, 'balances do not add up to the channel capacity');
    const digest = stateDigest(this.domain, state);
    require(signerOf(digest, sigs[0], channel.participants[0]) && signerOf(digest, sigs[1], channel.participants[1]), 'state is not signed by both participants');
    return channel;
  }
}

function participantIndex(channel: ChannelRecord, address: Address): number {
  const a = address.toLowerCase();
  return channel.participants.findIndex((p) => p.toLowerCase() === a);
}

function registered(state: ChannelState): Pick<ChannelRecord, 'version' | 'balances'> {
  return { version: state.version, balances: [state.balances[0], state.balances[1]] };
}

/** LN justice: the party that closed with a revoked state loses its whole balance to the other. */
function forfeit(channel: ChannelRecord): readonly [bigint, bigint] {
  const all = channel.balances[0] + channel.balances[1];
  return participantIndex(channel, channel.closer) === 0 ? [0n, all] : [all, 0n];
}
