import { z } from 'zod';
import type { FraudProofRules } from '../../l1/contracts/state-commitments.ts';
import { eth } from '../../l1/units.ts';
import { rollupParams } from '../rollup/params.ts';

const bondEth = z.number().min(0.001).max(10_000);

/**
 * The optimistic rollup's parameters: the shared rollup ones plus the fraud-proof game's.
 * `challengeWindowBlocks` (shared) is how long a root may be challenged after it is posted.
 */
export const optimisticParams = rollupParams.safeExtend({
  /** Bond escrowed with every state root (Arbitrum assertion stake, OP game bond), in ETH. */
  proposerBondEth: bondEth,
  /** Bond escrowed with every challenge, in ETH. */
  challengerBondEth: bondEth,
  /** Each side's chess clock in a dispute game (BoLD challenge period, OP MAX_CLOCK_DURATION). */
  disputeClockBlocks: z.number().int().min(1).max(10_000_000),
  /** Share of the loser's bond paid to the winner; the rest is burned. @defaultValue 5000 */
  winnerShareBasisPoints: z.number().int().min(0).max(10_000).default(5_000),
});

export type OptimisticParams = z.infer<typeof optimisticParams>;

/**
 * The short window of twin `short-challenge-window`: two hours, well under a day of L1
 * censorship (the adversary's default budget, 7,200 blocks) — the design mistake of
 * sizing the window for an honest network rather than a censored one.
 */
export const SHORT_CHALLENGE_WINDOW_BLOCKS = 600;

export function fraudProofRules(p: OptimisticParams, challengesEnabled: boolean): FraudProofRules {
  return {
    proposerBondWei: eth(p.proposerBondEth),
    challengerBondWei: eth(p.challengerBondEth),
    clockBlocks: p.disputeClockBlocks,
    winnerShareBasisPoints: p.winnerShareBasisPoints,
    challengesEnabled,
  };
}

/**
 * The longest an honest root can wait for finality however many bond-sacrificing
 * challenges it draws: every challenge opens within the window, games run in parallel,
 * and each side of a game has at most its clock. `dispute-delay` holds the rollup to it.
 */
export function confirmationBoundBlocks(challengeWindowBlocks: number, clockBlocks: number): number {
  return challengeWindowBlocks + 2 * clockBlocks;
}
