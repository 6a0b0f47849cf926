import type { DelayedMessage } from '../../l1/contracts/delayed-inbox.ts';
import type { FuzzProfile } from '../define.ts';
import { rollupFuzz } from '../rollup/fuzz.ts';
import type { Derivation } from '../rollup/derivation.ts';
import type { ZkParams } from './params.ts';

/**
 * The zk rollup's own adversary: the operator-side and L1-side capabilities of any rollup,
 * a prover that drops a constraint, and an attacker whose forced overdraft gives that
 * dropped constraint something to prove. Left out: forced inclusion (a zk rollup has none,
 * the freeze answers an ignored request) and the DoubleUp Roll modes built on it.
 */
const ZK_CAPABILITIES = ['censor-l1', 'reorg-l1', 'go-offline', 'operator-halt', 'censor-l2', 'delay-batch-posting', 'sign-invalid-proof', 'forced-overdraft'] as const;

export interface ZkFuzzOptions {
  /** Capabilities beyond the zk rollup's (a validium adds the data committee's). @defaultValue none */
  readonly extraCapabilities?: readonly string[];
}

/**
 * The zk rollup's fuzz profile: the rollup's honest moves (deposits, payments, withdrawals,
 * exits) against the zk adversary. The budget is the rollup's stated assumption, a party
 * offline no longer than its patience window. A profile for another validity-proven
 * design (validium) is this one with its own capabilities added.
 */
export function zkFuzzProfile<P extends ZkParams = ZkParams>(options: ZkFuzzOptions = {}): FuzzProfile<P> {
  return {
    parties: (p) => rollupFuzz.parties(p),
    moves: rollupFuzz.moves,
    capabilities: [...ZK_CAPABILITIES, ...(options.extraCapabilities ?? [])],
    budget: (p) => rollupFuzz.budget!(p),
  };
}

export const zkFuzz = zkFuzzProfile();

/**
 * Where a zk rollup's windows end: the freeze deadline of each forced request no verified
 * batch has served yet — the block before it the operator can still answer, the block at
 * and after it anyone can freeze.
 */
export function forcedRequestDeadlines(derivation: Derivation, verifiedDelayedRead: number, deadlineBlocks: number | null): number[] {
  if (deadlineBlocks === null) return [];
  derivation.sync();
  const unserved = (m: DelayedMessage) => m.index >= verifiedDelayedRead && m.kind === 'transaction';
  return derivation.delayed.filter(unserved).map((m) => m.block + deadlineBlocks);
}
