import { broadcastStaleState } from '../src/adversary/broadcast-stale-state.ts';
import { unleash } from '../src/adversary/capability.ts';
import { goOffline } from '../src/adversary/go-offline.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { asChannelSession } from '../src/protocols/channel/session.ts';

/**
 * Bob waits until alice is offline — for longer than the whole challenge window — and
 * closes with an old state that pays him more. Only someone holding alice's latest
 * state and watching L1 for her can answer in time: her watchtower.
 */
export default defineAttack({
  name: 'offline-victim-close',
  summary: 'the counterparty closes with a revoked state while the victim is offline for longer than the challenge window',
  references: [
    'BOLT 13 (draft): watchtower protocol — a tower holds justice data and broadcasts it for an offline client',
    'BOLT 5: revoked commitment transactions and the penalty (justice) transaction (lightning/bolts 05-onchain.md)',
  ],
  targets: {
    channel: {
      secure: 'defended',
      'no-watchtower': violated('latest-state-enforced'),
    },
  },
  async run({ world, instance }) {
    const session = asChannelSession(instance);
    const channel = await session.sessionEndingInRefund(world);
    const windowBlocks = await session.adjudicator.challengePeriodBlocks();
    await unleash(world, goOffline, { party: session.alice.name, blocks: windowBlocks + 4 });
    await unleash(world, broadcastStaleState, { party: session.bob.name, channel: channel.label });
    await world.settle();
    const record = await session.adjudicator.channel(channel.id);
    if (record?.status === 'closing') await world.advanceTo(record.finalizesAt + 1);
    await world.settle();
  },
});
