import type { World } from '../../kernel/world.ts';
import { channelAdjudicator, type AdjudicatorParams } from '../../l1/contracts/channel.ts';
import { MODEL_CHAIN_ID } from '../../l1/contracts/channel-state.ts';
import { eth } from '../../l1/units.ts';
import { defineProtocol, type ProtocolInstance } from '../define.ts';
import { channelFuzz } from './fuzz.ts';
import { channelParams, type ChannelParams } from './params.ts';
import { CHEATER, ChannelParty, HONEST } from './party.ts';
import { ChannelSession } from './session.ts';
import { Watchtower } from './watchtower.ts';

export type ChannelVariant = 'secure' | 'no-challenge-period' | 'accepts-stale-version' | 'unbound-signature' | 'no-watchtower';

/**
 * Two-party payment channels: the first system in the seeds. Two parties lock funds in
 * an L1 adjudicator, pay each other with co-signed versioned states, and settle on L1;
 * a newer co-signed state (or an LN-style penalty) protects the honest party when the
 * other closes with an old one.
 */
export const channel = defineProtocol<ChannelParams>({
  name: 'channel',
  summary: 'two-party payment channels: co-signed versioned states, L1 adjudicator with a challenge window, watchtower',
  variants: {
    secure: {
      kind: 'secure',
      summary: 'states bound to chain, adjudicator and channel; challenge window; only a strictly newer state overrides; optional penalty; a watchtower for the honest party',
    },
    'no-challenge-period': { kind: 'twin', summary: 'a unilateral close can be finalized at once', removes: 'the challenge period' },
    'accepts-stale-version': {
      kind: 'twin',
      summary: 'any co-signed state, even an older one, replaces the registered state during the window',
      removes: 'the strictly-newer version check on overrides',
    },
    'unbound-signature': {
      kind: 'twin',
      summary: 'signatures cover chain, adjudicator, version and balances but not the channel id',
      removes: 'the channel id in the signed digest',
    },
    'no-watchtower': { kind: 'twin', summary: 'an offline party has no one to answer a stale close for it', removes: 'the watchtower' },
  },
  defaultPreset: 'lightning-lnd',
  params: channelParams,
  fuzz: channelFuzz,
  // Each party keeps the states it co-signed; a close waits out the challenge period, in
  // which the latest state wins: the period is both the exit window and the withdrawal delay.
  trust: {
    operator: () => 'the channel counterparty',
    dataAvailability: 'users',
    stateValidity: 'co-signature',
    windows: { exit: { param: 'challengePeriodBlocks' }, forcedInclusion: 'n/a', withdrawalDelay: { param: 'challengePeriodBlocks' } },
  },
  async setup(world: World, { variant, params }): Promise<ProtocolInstance> {
    const adjudicator = await world.l1.deploy(channelAdjudicator, adjudicatorParams(variant as ChannelVariant, params));
    const domain = await adjudicator.signingDomain();
    const alice = new ChannelParty('alice', 'honest', HONEST, adjudicator);
    const bob = new ChannelParty('bob', 'operator', CHEATER, adjudicator);
    const tower = variant === 'no-watchtower' ? undefined : new Watchtower('watchtower', alice.name, adjudicator);
    alice.tower = tower;
    for (const actor of [alice, bob, ...(tower ? [tower] : [])]) world.addActor(actor);
    await world.l1.fund(alice.address, eth(100));
    await world.l1.fund(bob.address, eth(100));
    if (tower) await world.l1.fund(tower.address, eth(1));
    return new ChannelSession({ adjudicator, domain, alice, bob, tower, params, scheme: world.config.signatures });
  },
});

/** Each twin switches off exactly one adjudicator rule (or, for `no-watchtower`, none: it drops an actor). */
export function adjudicatorParams(variant: ChannelVariant, params: ChannelParams): AdjudicatorParams {
  return {
    chainId: MODEL_CHAIN_ID,
    challengePeriodBlocks: variant === 'no-challenge-period' ? 0 : params.challengePeriodBlocks,
    penalty: params.penalty,
    requiresNewerVersion: variant !== 'accepts-stale-version',
    bindsChannel: variant !== 'unbound-signature',
  };
}
