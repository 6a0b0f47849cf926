import { afterEach, describe, expect, it } from 'vitest';
import { broadcastStaleState } from '../../../../src/adversary/broadcast-stale-state.ts';
import { unleash } from '../../../../src/adversary/capability.ts';
import { replaySignedState } from '../../../../src/adversary/replay-signed-state.ts';
import { eth } from '../../../../src/l1/units.ts';
import type { World } from '../../../../src/kernel/world.ts';
import { channelWorld } from './channel-world.ts';

let current: World | undefined;

// Conservation is bound in every world here and must never fire, whatever the adversary publishes.
afterEach(() => {
  expect(current?.violations.filter((v) => v.invariant === 'conservation')).toEqual([]);
});

async function withPayments() {
  const { world, session } = await channelWorld({ preset: 'perun' });
  current = world;
  const channel = await session.open(world, session.alice, session.bob);
  for (const [payer, amount] of [[session.alice, 3], [session.alice, 4], [session.bob, 5], [session.alice, 1]] as const) await session.pay(world, channel, payer, eth(amount));
  return { world, session, channel };
}

describe('broadcast-stale-state', () => {
  it('closes with the revoked state that pays the cheater most', async () => {
    const { world, session, channel } = await withPayments();
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    // bob held 7 ETH at version 2, more than in any other state.
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'closing', version: 4 });
    expect(world.trace.events.some((e) => e.kind === 'adversary' && e.summary.includes('bob closes channel #0 with version 2'))).toBe(true);
  });

  it('goes back the asked number of versions', async () => {
    const { world, session, channel } = await withPayments();
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0, versionsBack: 3 });
    expect(world.trace.events.at(-1)?.summary).toContain('with version 1');
    await world.settle();
    expect((await session.adjudicator.channel(channel.id))?.closer).toBe(session.bob.address);
  });

  it('is refused outside the safety phase', async () => {
    const { world } = await withPayments();
    world.phase = 'recovery';
    await expect(unleash(world, broadcastStaleState, { party: 'bob', channel: 0 })).rejects.toThrow(/recovery phase/);
  });
});

describe('replay-signed-state', () => {
  it('submits another channel’s newer state and signatures, and the secure adjudicator rejects them', async () => {
    const { world, session, channel } = await withPayments();
    const second = await session.open(world, session.alice, session.bob);
    await unleash(world, replaySignedState, { party: 'bob', fromChannel: channel.label, toChannel: second.label });
    await world.settle();
    expect(world.trace.events.some((e) => e.kind === 'block' && e.summary.includes('close ✗ state is not signed by both participants'))).toBe(true);
    expect((await session.adjudicator.channel(second.id))?.status).toBe('open');
  });
});
