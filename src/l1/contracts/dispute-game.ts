import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';

/**
 * A challenge of one state commitment, settled by bisection (Arbitrum classic's
 * interactive challenge, OP's fault dispute game reduced to two parties). The segment is
 * the disputed commitment's L2 messages; step i turns intermediate root i into root i+1.
 * Both ends start known: root 0 is the parent commitment's (agreed), root N the claimed
 * one (disputed). The proposer side names the root at the midpoint, the challenger agrees
 * or disagrees, and the interval halves until one step is left — which L1 re-executes
 * (one-step-proof.ts). Each side has a chess clock: it runs while it is that side's turn,
 * and a side that runs out of time loses.
 */
export interface DisputeGame {
  readonly id: number;
  readonly commitmentIndex: number;
  readonly challenger: Address;
  /** The commitment's proposer: the only account that moves for the proposer side, and whose bond is at stake. */
  readonly proposer: Address;
  readonly openedBlock: number;
  /** Messages in the segment, as the proposer side states in its first move; undefined until then. */
  readonly stepCount?: number;
  /** Merkle root of the segment's message leaves (one-step-proof.ts messageLeaf), stated with stepCount. */
  readonly messagesRoot?: Hex;
  /** The interval still disputed: the challenger agrees with the root at `lo`, disagrees with the one at `hi`. */
  readonly lo: number;
  readonly hi: number;
  readonly loRoot: Hex;
  readonly hiRoot: Hex;
  /** The proposer side's root at the midpoint, waiting for the challenger's verdict. */
  readonly midRoot?: Hex;
  readonly turn: 'proposer' | 'challenger';
  /** L1 block the current turn began at. */
  readonly turnSince: number;
  /** Blocks each side has left on its clock, not counting the running turn. */
  readonly clockLeft: { readonly proposer: number; readonly challenger: number };
  /** Bisection rounds played (challenger verdicts). */
  readonly rounds: number;
  readonly status: GameStatus;
  readonly reason?: string;
}

/** `moot`: the commitment died with an ancestor, so nobody is proven wrong and the challenger's bond is returned. */
export type GameStatus = 'open' | 'proposer-won' | 'challenger-won' | 'moot';

/** The bisection's width: steps padded to a power of two (past the last message a step leaves the state unchanged), so every dispute takes exactly ⌈log2 n⌉ rounds. */
export function paddedSteps(stepCount: number): number {
  let width = 1;
  while (width < stepCount) width *= 2;
  return width;
}

export function midpoint(game: Pick<DisputeGame, 'lo' | 'hi'>): number {
  return game.lo + Math.floor((game.hi - game.lo) / 2);
}

/** The game's outcome as of `height`: an open game whose mover let its clock run out is lost by that side. */
export function outcomeAt(game: DisputeGame, height: number): GameStatus {
  if (game.status !== 'open') return game.status;
  if (height - game.turnSince > game.clockLeft[game.turn]) return game.turn === 'proposer' ? 'challenger-won' : 'proposer-won';
  return 'open';
}

/** The last block at which the side on turn may still move. */
export function turnDeadline(game: DisputeGame): number {
  return game.turnSince + game.clockLeft[game.turn];
}
