import type { FuzzProfile } from '../define.ts';
import { ownNodeAway, rollupFuzz } from '../rollup/fuzz.ts';
import type { OptimisticParams } from './params.ts';

/**
 * The rollup's moves and capabilities, plus the fraud-proof adversary: forged roots and
 * bond-burning stalls. The watchtower is a party too: censoring it or taking it offline
 * within the budget is what a challenge window must outlast (twin `short-challenge-window`).
 * One user runs its own node and may be away past blob retention (twin `no-blob-archive`).
 */
export const optimisticFuzz: FuzzProfile<OptimisticParams> = {
  ...(rollupFuzz as unknown as FuzzProfile<OptimisticParams>),
  parties: (p) => [...rollupFuzz.parties(p), 'watchtower'],
  guardians: () => ['watchtower'],
  moves: [...rollupFuzz.moves, ownNodeAway],
  capabilities: [...rollupFuzz.capabilities, 'post-invalid-root', 'stall-disputes'],
};
