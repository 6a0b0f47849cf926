import { broadcastStaleState } from '../src/adversary/broadcast-stale-state.ts';
import { unleash } from '../src/adversary/capability.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { asChannelSession } from '../src/protocols/channel/session.ts';

/**
 * The breach: bob closes the channel with an old state that paid him more than the
 * latest. Alice is online and answers with her latest state inside the window; in the
 * window's last block bob registers his old state once more, to see whether it sticks.
 */
export default defineAttack({
  name: 'stale-state-close',
  summary: 'the counterparty closes a channel with a revoked state, and re-registers it at the end of the window',
  references: [
    'BOLT 5: revoked commitment transactions and the penalty (justice) transaction (lightning/bolts 05-onchain.md)',
    'Perun Adjudicator: register, then a strictly greater version replaces it before the timeout (perun-eth-contracts Adjudicator.sol)',
    'ForceMove / go-nitro: challenge and checkpoint need a strictly greater turnNum (ForceMove.sol)',
  ],
  targets: {
    channel: {
      secure: 'defended',
      'no-challenge-period': violated('latest-state-enforced'),
      'accepts-stale-version': violated('latest-state-enforced'),
    },
  },
  async run({ world, instance }) {
    const session = asChannelSession(instance);
    const channel = await session.sessionEndingInRefund(world);
    await unleash(world, broadcastStaleState, { party: session.bob.name, channel: channel.label });
    await world.settle();
    const record = await session.adjudicator.channel(channel.id);
    if (record?.status !== 'closing') return;
    // The last block a challenge can land in: nothing can answer a state registered there.
    await world.advanceTo(record.finalizesAt - 2);
    await unleash(world, broadcastStaleState, { party: session.bob.name, channel: channel.label });
    await world.advanceTo(record.finalizesAt + 1);
    await world.settle();
  },
});
