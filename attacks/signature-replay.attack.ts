import { unleash } from '../src/adversary/capability.ts';
import { replaySignedState } from '../src/adversary/replay-signed-state.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { asChannelSession } from '../src/protocols/channel/session.ts';

/**
 * Alice has two channels of the same capacity with bob. In the first she has paid him
 * a lot, over many updates; in the second only a little. Bob closes the second with a
 * state both signed for the first: if the signed digest does not name the channel, the
 * signatures verify, and the replayed state's higher version cannot be overridden.
 */
export default defineAttack({
  name: 'signature-replay',
  summary: 'a state co-signed for one channel is submitted as a state of another channel of the same parties',
  references: [
    'EIP-155 and EIP-712: bind signatures to the chain and to the verifying contract (domain separation)',
    'Perun and ForceMove sign the channel id (derived from participants, nonce and chain) into every state (perun-eth-contracts Adjudicator.sol; ForceMove.sol)',
    'SWC-121: missing protection against signature replay attacks',
  ],
  targets: {
    channel: {
      secure: 'defended',
      'unbound-signature': violated('latest-state-enforced'),
    },
  },
  async run({ world, instance }) {
    const session = asChannelSession(instance);
    await session.workload(world);
    const first = session.channels[0]!;
    const second = await session.open(world, session.alice, session.bob);
    await session.pay(world, second, session.alice, session.capacityWei / 20n);
    // Many small payments in the first channel: higher versions, and bob's balance grows.
    const step = session.balanceOf(first, session.alice) / 4n;
    for (let i = 0; i < 3; i++) await session.pay(world, first, session.alice, step);
    await unleash(world, replaySignedState, { party: session.bob.name, fromChannel: first.label, toChannel: second.label });
    await world.settle();
    const record = await session.adjudicator.channel(second.id);
    if (record?.status === 'closing') await world.advanceTo(record.finalizesAt + 1);
    await world.settle();
  },
});
