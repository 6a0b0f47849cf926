import fc from 'fast-check';
import type { World } from '../../kernel/world.ts';
import type { FuzzProfile } from '../define.ts';
import type { Channel } from './channel.ts';
import type { ChannelParams } from './params.ts';
import type { ChannelParty } from './party.ts';
import type { ChannelSession } from './session.ts';

/** At most this many channels between alice and bob: enough for signature replay across channels. */
const MAX_CHANNELS = 3;

/**
 * What the fuzzer may do to channels: honest payments, opens and closes, and the channel
 * adversary. The budget is the secure variant's stated assumption: the honest side's L1
 * transactions land within a quarter of the challenge window (alice answers at once, the
 * watchtower by mid-window); beyond that, any channel loses, and saying so is not a finding.
 */
export const channelFuzz: FuzzProfile<ChannelParams> = {
  parties: () => ['alice', 'bob'],
  moves: [
    // Payments are the channel's life; opens and honest closes are rare events in it.
    { name: 'pay', weight: 6, arbitrary: fc.record({ payer: fc.constantFrom('alice', 'bob'), channel: fc.nat({ max: MAX_CHANNELS - 1 }), percent: fc.integer({ min: 1, max: 100 }) }) },
    { name: 'open', weight: 1, arbitrary: fc.constant({}) },
    { name: 'close', weight: 1, arbitrary: fc.record({ channel: fc.nat({ max: MAX_CHANNELS - 1 }), cooperative: fc.boolean() }) },
  ],
  capabilities: ['broadcast-stale-state', 'replay-signed-state', 'go-offline', 'censor-l1', 'reorg-l1'],
  budget: (params) => ({ censorBlocks: Math.max(1, Math.floor(params.challengePeriodBlocks / 4)) }),
};

type MoveArgs = { payer: string; channel: number; percent: number; cooperative: boolean };

/**
 * Channels alice has started closing. An honest party never co-signs again after it
 * broadcasts a close: under the penalty rule its own close would become a revoked state.
 */
const closing = new WeakMap<ChannelSession, Set<Channel>>();

function closingOf(session: ChannelSession): Set<Channel> {
  let set = closing.get(session);
  if (!set) closing.set(session, (set = new Set()));
  return set;
}

export async function performChannelMove(session: ChannelSession, world: World, move: string, raw: unknown): Promise<void> {
  const args = raw as MoveArgs;
  if (move === 'open') return void (session.channels.length < MAX_CHANNELS ? await session.open(world, session.alice, session.bob) : skip(world, 'open', `already ${MAX_CHANNELS} channels`));
  if (session.channels.length === 0) await session.open(world, session.alice, session.bob);
  const channel = session.channels[args.channel % session.channels.length]!;
  if (closingOf(session).has(channel) || !(await isOpen(session, channel))) return skip(world, move, `channel ${channel.name} is closing or closed`);
  if (move === 'pay') return pay(session, world, channel, args);
  if (move === 'close') return close(session, world, channel, args.cooperative);
  throw new Error(`unknown channel fuzz move ${move}`);
}

/** Channels whose close is under way end their windows here: the edges a schedule should land on. */
export async function channelDeadlines(session: ChannelSession): Promise<number[]> {
  const ends: number[] = [];
  for (const channel of session.channels) {
    const record = await session.adjudicator.channel(channel.id);
    if (record?.status === 'closing') ends.push(record.finalizesAt);
  }
  return ends;
}

/** Off-chain payments need both signatures, so both parties must be there. */
async function pay(session: ChannelSession, world: World, channel: Channel, args: MoveArgs): Promise<void> {
  const payer = args.payer === 'bob' ? session.bob : session.alice;
  if (!bothPresent(world, session)) return skip(world, 'pay', 'a party is offline or gone: no co-signature');
  const amount = (session.balanceOf(channel, payer) * BigInt(args.percent)) / 100n;
  if (amount === 0n) return skip(world, 'pay', `${payer.name} has nothing to pay in channel ${channel.name}`);
  await session.pay(world, channel, payer, amount);
}

async function close(session: ChannelSession, world: World, channel: Channel, cooperative: boolean): Promise<void> {
  const alice: ChannelParty = session.alice;
  if (!world.isOnline(alice.name)) return skip(world, 'close', 'alice is offline');
  closingOf(session).add(channel);
  if (cooperative && bothPresent(world, session)) return session.closeCooperatively(world, channel);
  await alice.closeWithLatest(world, channel);
}

async function isOpen(session: ChannelSession, channel: Channel): Promise<boolean> {
  return (await session.adjudicator.channel(channel.id))?.status === 'open';
}

function bothPresent(world: World, session: ChannelSession): boolean {
  const bobThere = world.actorsWith('operator').includes(session.bob);
  return bobThere && world.isOnline(session.alice.name) && world.isOnline(session.bob.name);
}

function skip(world: World, move: string, why: string): void {
  world.record('note', 'fuzz', `${move} skipped: ${why}`);
}
