import fc from 'fast-check';
import type { SignedState } from '../l1/contracts/channel-state.ts';
import { channelOf, channelPartyNamed } from './broadcast-stale-state.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/**
 * Signature replay: a party takes a state both signed for one channel and submits it,
 * signatures untouched, as a state of another channel between the same parties. Only a
 * digest that binds the channel id makes the signatures fail there. It picks the state
 * that pays it most in the target channel among those newer than the target's latest.
 */
export const replaySignedState = defineCapability<{ party: string; fromChannel: number; toChannel: number }>({
  name: 'replay-signed-state',
  description: 'a channel party submits a state co-signed for one channel as a state of another channel of the same parties',
  async apply(world, { party, fromChannel, toChannel }) {
    const cheater = channelPartyNamed(world, party);
    const source = channelOf(cheater, fromChannel);
    const target = channelOf(cheater, toChannel);
    if (source === target) throw new NotApplicable('replay-signed-state needs two different channels');
    const me = target.indexOf(cheater);
    const newerThan = target.viewOf(cheater).latest.state.version;
    const signedForSource = source.viewOf(cheater).history ?? [source.viewOf(cheater).latest];
    let best: SignedState | undefined;
    for (const s of signedForSource) {
      if (s.state.version <= newerThan || s.state.balances[0] + s.state.balances[1] !== target.capacityWei) continue;
      if (!best || s.state.balances[me] > best.state.balances[me]) best = s;
    }
    if (!best) return `${cheater.name} has no state of channel ${source.name} newer than channel ${target.name}'s version ${newerThan}: nothing to replay`;
    const replayed: SignedState = { state: { ...best.state, channelId: target.id }, sigs: best.sigs };
    return `replays channel ${source.name}'s signatures: ${await cheater.publish(target, replayed)}`;
  },
  arbitrary: () => fc.record({ party: fc.constant('bob'), fromChannel: fc.constant(0), toChannel: fc.constant(1) }),
});
