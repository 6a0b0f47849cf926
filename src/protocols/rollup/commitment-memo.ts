import type { BondStatus, StateCommitment, StateCommitmentsFacade } from '../../l1/contracts/state-commitments.ts';
import type { DisputeGame } from '../../l1/contracts/dispute-game.ts';
import type { Deployed, L1 } from '../../l1/L1.ts';

/**
 * The state commitments as every actor and checker of one run reads them, remembering
 * what the contract's rules make permanent, so the loops that walk every commitment every
 * block (watchtower, users, checkers) read each fact from L1 once instead of once a block —
 * on anvil each read is a round trip, and `isFinalAt(i, height)` names a new height every
 * block, so the node's own view cache never answers it.
 *
 * What is permanent, by the contract's rules: a proposed commitment never changes; a root
 * final at h is final at every later height (it can no longer be challenged and every game
 * on it and its ancestors is settled for the proposer or moot); a root rejected at h stays
 * rejected; a returned or slashed bond and a settled game never change; the bonds are
 * constructor constants. A height is remembered only when it is at most the next block's:
 * beyond that a clock-based answer can still be changed by a move. Only a reorg undoes
 * state, so one forgets everything. Two rules answer without a read at all: no root is
 * final while its own window is open, and no root is rejected while no game exists.
 */
export function rememberingCommitments(l1: L1, facade: Deployed<StateCommitmentsFacade>, challengeWindowBlocks: number): Deployed<StateCommitmentsFacade> {
  const records = new Map<number, StateCommitment>();
  const finalFrom = new Map<number, number>();
  const rejectedFrom = new Map<number, number>();
  const settledBonds = new Map<number, BondStatus>();
  const settledGames = new Map<number, DisputeGame>();
  const constants = new Map<'bond' | 'challengerBond', bigint>();
  /** The newest final index as of `height`: it stays final, so later it can only be overtaken by a root whose window has closed. */
  let newestFinal: { height: number; index: number } | undefined;
  l1.observe({
    reorged: () => {
      for (const memo of [records, finalFrom, rejectedFrom, settledBonds, settledGames]) memo.clear();
      newestFinal = undefined;
    },
  });
  const settledNow = (height: number): boolean => height <= l1.head().number + 1;
  /** A fact that, once true at some height, holds at every later one. */
  const monotone = async (from: Map<number, number>, index: number, height: number, read: () => Promise<boolean>): Promise<boolean> => {
    const since = from.get(index);
    if (since !== undefined && since <= height) return true;
    const holds = await read();
    if (holds && settledNow(height)) from.set(index, Math.min(height, since ?? height));
    return holds;
  };
  const constant = async (key: 'bond' | 'challengerBond', read: () => Promise<bigint>): Promise<bigint> => {
    if (!constants.has(key)) constants.set(key, await read());
    return constants.get(key)!;
  };
  const commitment = async (index: number): Promise<StateCommitment | undefined> => {
    const known = records.get(index);
    if (known) return known;
    const c = await facade.commitment(index);
    if (c) records.set(index, c);
    return c;
  };
  /** No root but the genesis one is final before its own window closes (its ancestors' close no later). */
  const windowOpen = async (index: number, height: number): Promise<boolean> => {
    if (index === 0) return false;
    const c = await commitment(index);
    return c !== undefined && height < c.postedBlock + challengeWindowBlocks;
  };
  const overrides: Partial<StateCommitmentsFacade> = {
    commitment,
    isFinalAt: async (index, height) => !(await windowOpen(index, height)) && monotone(finalFrom, index, height, () => facade.isFinalAt(index, height)),
    // Only a lost dispute game rejects a root: with no game ever opened, none is rejected.
    isRejectedAt: async (index, height) => (await facade.gameCount()) > 0 && monotone(rejectedFrom, index, height, () => facade.isRejectedAt(index, height)),
    latestFinalAt: async (height) => {
      if (newestFinal && newestFinal.height <= height && !(await overtaken(newestFinal.index, height))) return newestFinal.index;
      const index = await facade.latestFinalAt(height);
      if (settledNow(height)) newestFinal = { height, index };
      return index;
    },
    bondOf: async (index) => {
      const known = settledBonds.get(index);
      if (known) return known;
      const status = await facade.bondOf(index);
      if (status === 'returned' || status === 'slashed') settledBonds.set(index, status);
      return status;
    },
    game: async (id) => {
      const known = settledGames.get(id);
      if (known) return known;
      const game = await facade.game(id);
      if (game && game.status !== 'open') settledGames.set(id, game);
      return game;
    },
    bondWei: () => constant('bond', () => facade.bondWei()),
    challengerBondWei: () => constant('challengerBond', () => facade.challengerBondWei()),
  };
  /** Whether a root newer than `index` may be final at `height`: only one whose window has closed can be. */
  async function overtaken(index: number, height: number): Promise<boolean> {
    const count = await facade.count();
    for (let i = count - 1; i > index; i--) if (!(await windowOpen(i, height))) return true;
    return false;
  }
  return new Proxy(facade, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof StateCommitmentsFacade];
      return Reflect.get(target, prop, receiver);
    },
  });
}
