import fc from 'fast-check';
import type { World } from '../kernel/world.ts';
import type { SignedState } from '../l1/contracts/channel-state.ts';
import type { Channel } from '../protocols/channel/channel.ts';
import { ChannelParty } from '../protocols/channel/party.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/**
 * The breach: a channel party publishes a state it co-signed earlier and that a newer
 * one has revoked — a close if the channel is open, a re-registration if a close is
 * under way. Without `versionsBack` it picks the old state that pays it most.
 */
export const broadcastStaleState = defineCapability<{ party: string; channel: number; versionsBack?: number }>({
  name: 'broadcast-stale-state',
  description: 'a channel party publishes an old co-signed state: closes with it, or re-registers it during a dispute',
  async apply(world, { party, channel, versionsBack }) {
    const cheater = channelPartyNamed(world, party);
    const target = channelOf(cheater, channel);
    const stale = versionsBack === undefined ? mostProfitable(cheater, target, revokedStates(cheater, target)) : versionsAgo(cheater, target, versionsBack);
    return cheater.publish(target, stale);
  },
  // Mostly the cheater's rational choice (the revoked state that pays it most), sometimes an arbitrary old one.
  // Mostly the first channel, which every session has: a later one exists only after an `open` move.
  arbitrary: () =>
    fc.record(
      {
        party: fc.constant('bob'),
        channel: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat({ max: 2 }), weight: 1 }),
        versionsBack: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 16 }), weight: 1 }),
      },
      { requiredKeys: ['party', 'channel'] },
    ),
});

/** The channel party acting as the adversary; only the operator (or an explicit adversary) cheats. */
export function channelPartyNamed(world: World, name: string): ChannelParty {
  const found = [...world.actorsWith('operator'), ...world.actorsWith('adversary')].find((a) => a.name === name);
  if (!(found instanceof ChannelParty)) throw new NotApplicable(`no cheating channel party named ${name} in this world (is the counterparty still there?)`);
  return found;
}

export function channelOf(party: ChannelParty, index: number): Channel {
  const found = party.channels.find((c) => c.label === index);
  if (!found) throw new NotApplicable(`${party.name} has no channel #${index}`);
  return found;
}

/** States the party co-signed before its latest one: what a cheater keeps and an honest party deletes. */
export function revokedStates(party: ChannelParty, channel: Channel): readonly SignedState[] {
  const view = channel.viewOf(party);
  if (!view.history) throw new Error(`${party.name} keeps no revoked states of channel ${channel.name}`);
  return view.history.filter((s) => s.state.version < view.latest.state.version);
}

/** The candidate that pays `party` most in `channel` (the oldest on a tie, being the most surprising to the victim). */
export function mostProfitable(party: ChannelParty, channel: Channel, candidates: readonly SignedState[]): SignedState {
  const me = channel.indexOf(party);
  let best: SignedState | undefined;
  for (const s of candidates) if (!best || s.state.balances[me] > best.state.balances[me]) best = s;
  if (!best) throw new NotApplicable(`${party.name} has no state to publish on channel ${channel.name}`);
  return best;
}

function versionsAgo(party: ChannelParty, channel: Channel, versionsBack: number): SignedState {
  const revoked = revokedStates(party, channel);
  if (revoked.length === 0) throw new NotApplicable(`${party.name} has no revoked state of channel ${channel.name}`);
  return revoked[Math.max(0, revoked.length - versionsBack)]!;
}
