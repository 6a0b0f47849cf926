import type { FuzzProfile } from '../define.ts';
import { rollupFuzz } from '../rollup/fuzz.ts';
import type { OptimisticParams } from './params.ts';

/**
 * The rollup's moves and capabilities, plus the fraud-proof adversary: forged roots and
 * bond-burning stalls. The watchtower is a party too: censoring it or taking it offline
 * within the budget is what a challenge window must outlast (twin `short-challenge-window`).
 */
export const optimisticFuzz: FuzzProfile<OptimisticParams> = {
  ...(rollupFuzz as unknown as FuzzProfile<OptimisticParams>),
  parties: (p) => [...rollupFuzz.parties(p), 'watchtower'],
  capabilities: [...rollupFuzz.capabilities, 'post-invalid-root', 'stall-disputes'],
};
