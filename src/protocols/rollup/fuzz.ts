import fc from 'fast-check';
import type { World } from '../../kernel/world.ts';
import { eth } from '../../l1/units.ts';
import type { FuzzProfile, HonestMove } from '../define.ts';
import { BLOB_RETENTION_BLOCKS } from './blob-archive.ts';
import type { RollupParams } from './params.ts';
import type { RollupSession } from './session.ts';
import type { RollupUser } from './user.ts';

type MoveArgs = { user: number; from: number; to: number; eth: number; percent: number; blocks: number };

/** The user who runs its own node rather than the always-synced one (blob-expiry's late user has the same name). */
export const OWN_NODE_USER = 'dave';

/**
 * A user with its own node deposits, waits for the deposit to land, then switches the node
 * off for `blocks` (time moves can jump to its return). Half the draws stay away past the
 * blob retention window: whether it can then rebuild the state its exit proof needs is the
 * blob-archive assumption (twin `no-blob-archive`). Being away is honest: no budget bounds it.
 */
export const ownNodeAway: HonestMove = {
  name: 'own-node-away',
  weight: 1,
  arbitrary: fc.record({
    eth: fc.integer({ min: 1, max: 20 }),
    blocks: fc.oneof(fc.integer({ min: 1, max: 7_200 }), fc.integer({ min: BLOB_RETENTION_BLOCKS, max: BLOB_RETENTION_BLOCKS + 7_200 })),
  }),
};

/**
 * What the fuzzer may do to a rollup: honest deposits, payments (to each other and to
 * the merchant), withdrawals and exits, against the operator-side and L1-side adversary.
 * The budget is the secure variant's stated assumption: a party is offline no longer than
 * its own patience window, so a forced message it sent is still forced in within the bound.
 */
export const rollupFuzz: FuzzProfile<RollupParams> = {
  parties: (p) => [...p.users, 'merchant'],
  moves: [
    { name: 'deposit', weight: 2, arbitrary: fc.record({ user: fc.nat({ max: 7 }), eth: fc.integer({ min: 1, max: 20 }) }) },
    { name: 'pay', weight: 6, arbitrary: fc.record({ from: fc.nat({ max: 7 }), to: fc.nat({ max: 8 }), percent: fc.integer({ min: 1, max: 100 }) }) },
    { name: 'withdraw', weight: 2, arbitrary: fc.record({ user: fc.nat({ max: 7 }), percent: fc.integer({ min: 1, max: 100 }) }) },
    { name: 'exit', weight: 1, arbitrary: fc.record({ user: fc.nat({ max: 7 }) }) },
  ],
  capabilities: [
    'censor-l1', 'reorg-l1', 'go-offline', 'operator-halt', 'censor-l2', 'delay-batch-posting', 'withhold-batch-data',
    // DoubleUp Roll: an attacker pays the merchant, then tries to roll the payment back.
    'attacker-pays-merchant', 'post-zip-bomb', 'force-include-conflicting',
  ],
  budget: (p) => ({ offlineBlocks: p.userPatienceBlocks }),
};

/** One honest move; a move that makes no sense now (offline, nothing to spend) is a traced no-op. */
export async function performRollupMove(session: RollupSession, world: World, move: string, raw: unknown): Promise<void> {
  const a = raw as MoveArgs;
  if (move === ownNodeAway.name) return goAwayFromOwnNode(session, world, a);
  const pick = (i: number): RollupUser => session.users[i % session.users.length]!;
  const actor = pick(move === 'pay' ? a.from : a.user);
  if (!world.isOnline(actor.name)) return skip(world, move, `${actor.name} is offline`);
  if (move === 'deposit') return void (await actor.deposit(world, eth(a.eth)));
  if (move === 'exit') return void (await actor.exitAll(world));
  // What the user may spend by its own view: the sequencer's answer, or the canonical chain once the sequencer is gone.
  const balance = session.sequencer.isActive(world) ? session.sequencer.balanceOf(actor.address) : actor.canonicalBalance();
  const amount = (balance * BigInt(a.percent)) / 100n;
  if (amount === 0n) return skip(world, move, `${actor.name} has nothing to spend`);
  if (move === 'withdraw') return void (await actor.withdraw(world, amount));
  const to = a.to % (session.users.length + 1) === session.users.length ? session.merchant : pick(a.to);
  if (move === 'pay') return void (await actor.pay(world, to.address, amount));
  throw new Error(`unknown rollup fuzz move ${move}`);
}

/** Where rollup windows end: force inclusion opening for queued messages, the newest root's finality, an away user's return. */
export async function rollupDeadlines(session: RollupSession, world: World): Promise<number[]> {
  session.derivation.sync();
  const { inbox, commitments } = session.contracts;
  const ends: number[] = [];
  for (const m of session.derivation.delayed.slice(await inbox.totalDelayedRead())) ends.push(m.block + (await inbox.forceInclusionDelay(m.block)) + 1);
  const latest = (await commitments.commitment((await commitments.count()) - 1))!;
  if (latest.index > 0) ends.push(latest.postedBlock + session.params.challengeWindowBlocks);
  const away = world.backOnlineAt(OWN_NODE_USER);
  if (away !== undefined) ends.push(away);
  return ends;
}

async function goAwayFromOwnNode(session: RollupSession, world: World, a: MoveArgs): Promise<void> {
  const existing = session.users.find((u) => u.name === OWN_NODE_USER);
  if (existing && existing.node === session.derivation) return skip(world, ownNodeAway.name, `the preset already has a user named ${OWN_NODE_USER} on the shared node`);
  const user = existing ?? (await session.enlistWithOwnNode(world, OWN_NODE_USER));
  if (!world.isOnline(user.name)) return skip(world, ownNodeAway.name, `${user.name} is away`);
  await user.deposit(world, eth(a.eth));
  // Forcing its own delayed messages in is the user's job, and the inclusion bound assumes it is
  // there to do it: it leaves only once they are in the chain in a final L1 block (a reorg could
  // undo a younger inclusion), so a late one is never its own absence. It waits a few batch rounds.
  const round = world.l1.finalityDepth + session.params.batchIntervalBlocks + 2;
  let unsettled = true;
  for (let i = 0; i < 3 && unsettled; i++) {
    await world.advance(round);
    unsettled = hasUnsettledDelayed(session, world, user);
  }
  if (unsettled) return skip(world, ownNodeAway.name, `${user.name} stays: a delayed message of its own is not final in the chain yet`);
  const backAt = world.height + a.blocks;
  world.setOffline(user.name, backAt);
  await world.step('note', user.name, `switches its own node off and keeps no copy of the chain: back at L1 block ${backAt}`);
}

function hasUnsettledDelayed(session: RollupSession, world: World, user: RollupUser): boolean {
  session.derivation.sync();
  const mine = user.address.toLowerCase();
  const final = world.l1.finalized().number;
  return session.derivation.delayed.some((m) => {
    if (m.sender.toLowerCase() !== mine) return false;
    const included = session.derivation.delayedInclusion(m.index);
    return included === undefined || included.l1Block > final;
  });
}

function skip(world: World, move: string, why: string): void {
  world.record('note', 'fuzz', `${move} skipped: ${why}`);
}
