import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../../../src/kernel/world.ts';
import { recoveryPhase } from '../../../../src/kernel/run.ts';
import { eth } from '../../../../src/l1/units.ts';
import { broadcastStaleState } from '../../../../src/adversary/broadcast-stale-state.ts';
import { unleash } from '../../../../src/adversary/capability.ts';
import { goOffline } from '../../../../src/adversary/go-offline.ts';
import { paymentState } from '../../../../src/protocols/channel/co-sign.ts';
import { channelWorld } from './channel-world.ts';

let current: World | undefined;

async function build(options: Parameters<typeof channelWorld>[0] = {}) {
  const built = await channelWorld(options);
  current = built.world;
  return built;
}

// Conservation is an `always` checker bound in every world here: it must never fire.
afterEach(() => {
  expect(current?.violations.filter((v) => v.invariant === 'conservation')).toEqual([]);
  current = undefined;
});

describe('channel session: off-chain updates', () => {
  it('moves balances with co-signed states and no L1 transaction', async () => {
    const { world, session } = await build();
    const channel = await session.open(world, session.alice, session.bob);
    const sent = world.trace.events.filter((e) => e.kind === 'tx').length;
    await session.pay(world, channel, session.alice, eth(3));
    await session.pay(world, channel, session.bob, eth(1));
    expect(world.trace.events.filter((e) => e.kind === 'tx').length).toBe(sent);
    expect(world.l1.pendingCount()).toBe(0);
    expect(channel.viewOf(session.alice).latest).toBe(channel.viewOf(session.bob).latest);
    expect(channel.viewOf(session.alice).latest.state).toMatchObject({ version: 2, balances: [eth(8), eth(2)] });
  });

  it('refuses to pay more than the payer holds', async () => {
    const { world, session } = await build();
    const channel = await session.open(world, session.alice, session.bob);
    await expect(session.pay(world, channel, session.bob, eth(1))).rejects.toThrow(/bob cannot pay 1 ETH/);
  });

  it('has the payee refuse a state that lowers its own balance', async () => {
    const { world, session } = await build();
    const channel = await session.open(world, session.alice, session.bob);
    await session.pay(world, channel, session.alice, eth(5));
    const theft = { ...paymentState(channel, session.alice, eth(1)), balances: [eth(6), eth(4)] as const };
    expect(() => session.bob.countersign(channel, theft, '0x00', 'ideal')).toThrow(/bob refuses channel #0 version 2: it would lower my balance/);
  });

  it('hands every new state to the honest party’s watchtower', async () => {
    const { world, session } = await build();
    const channel = await session.open(world, session.alice, session.bob);
    const latest = await session.pay(world, channel, session.alice, eth(2));
    expect(session.parts.tower?.latestOf(channel)).toBe(latest);
  });
});

describe('channel session: closing', () => {
  it('pays both parties their latest balances at once on a cooperative close', async () => {
    const { world, session } = await build();
    const channel = await session.open(world, session.alice, session.bob);
    await session.pay(world, channel, session.alice, eth(4));
    const before = await world.l1.balanceOf(session.bob.address);
    await session.closeCooperatively(world, channel);
    const record = await session.adjudicator.channel(channel.id);
    expect(record).toMatchObject({ status: 'settled', payouts: [eth(6), eth(4)] });
    expect((await world.l1.balanceOf(session.bob.address)) - before).toBe(eth(4));
  });

  it('recovers the honest party’s latest balance through L1 alone when the counterparty vanishes', async () => {
    const { world, session } = await build();
    await session.workload(world);
    const channel = session.channels[0]!;
    const entitled = session.balanceOf(channel, session.alice);
    world.removeRole('operator');
    await recoveryPhase(world, (w) => session.recover(w));
    const record = await session.adjudicator.channel(channel.id);
    expect(record?.status).toBe('settled');
    expect(record?.closer).toBe(session.alice.address);
    expect(record?.payouts[0]).toBe(entitled);
    expect(world.height).toBeGreaterThanOrEqual(record!.finalizesAt);
    expect(world.violations).toEqual([]);
  });
});

describe('channel session: disputes', () => {
  async function staleClose(options: Parameters<typeof channelWorld>[0]) {
    const built = await build(options);
    const { world, session } = built;
    const channel = await session.open(world, session.alice, session.bob);
    await session.pay(world, channel, session.alice, eth(6));
    await session.pay(world, channel, session.bob, eth(2));
    return { ...built, channel };
  }

  it('has the online victim override a stale close with its latest state (perun: no penalty)', async () => {
    const { world, session, channel } = await staleClose({ preset: 'perun' });
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    const record = (await session.adjudicator.channel(channel.id))!;
    expect(record).toMatchObject({ status: 'closing', version: 2, penalized: false });
    await world.advanceTo(record.finalizesAt + 2);
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'settled', payouts: [eth(6), eth(4)] });
  });

  it('pays the cheater’s balance to the victim in penalty mode (lightning-lnd)', async () => {
    const { world, session, channel } = await staleClose({ preset: 'lightning-lnd' });
    const aliceBefore = await world.l1.balanceOf(session.alice.address);
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    const record = (await session.adjudicator.channel(channel.id))!;
    expect(record.penalized).toBe(true);
    await world.advanceTo(record.finalizesAt + 2);
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'settled', payouts: [eth(10), 0n] });
    expect((await world.l1.balanceOf(session.alice.address)) - aliceBefore).toBe(eth(10));
  });

  it('has the watchtower answer for its offline client before the window ends', async () => {
    const { world, session, channel } = await staleClose({ preset: 'perun' });
    await unleash(world, goOffline, { party: 'alice', blocks: 8_000 });
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    const record = (await session.adjudicator.channel(channel.id))!;
    await world.advanceTo(record.finalizesAt + 2);
    const challenge = world.trace.events.find((e) => e.actor === 'watchtower' && e.summary.startsWith('challenges'));
    expect(challenge?.l1).toBeLessThan(record.finalizesAt - 1);
    expect(world.isOnline('alice')).toBe(false);
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'settled', version: 2, payouts: [eth(6), eth(4)] });
  });

  it('leaves an offline party without a watchtower to the stale state (no-watchtower)', async () => {
    const { world, session, channel } = await staleClose({ preset: 'perun', variant: 'no-watchtower' });
    await unleash(world, goOffline, { party: 'alice', blocks: 8_000 });
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    const record = (await session.adjudicator.channel(channel.id))!;
    await world.advanceTo(record.finalizesAt + 2);
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'settled', version: 1, payouts: [eth(4), eth(6)] });
  });

  it('settles the same way with real secp256k1 signatures', async () => {
    const { world, session, channel } = await staleClose({ preset: 'perun', signatures: 'secp256k1' });
    expect(channel.viewOf(session.alice).latest.sigs[0]).toHaveLength(132);
    await unleash(world, broadcastStaleState, { party: 'bob', channel: 0 });
    await world.settle();
    const record = (await session.adjudicator.channel(channel.id))!;
    await world.advanceTo(record.finalizesAt + 2);
    expect(await session.adjudicator.channel(channel.id)).toMatchObject({ status: 'settled', version: 2, payouts: [eth(6), eth(4)] });
  });
});

describe('channel session: determinism', () => {
  it('produces the same trace hash from the same seed, and another from another seed', async () => {
    const hashes: string[] = [];
    for (const seed of [7, 7, 8]) {
      const { world, session } = await build({ seed });
      await session.workload(world);
      hashes.push(world.trace.hash);
    }
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
  });
});
