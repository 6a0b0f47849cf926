import type { FuzzProfile } from '../define.ts';
import { rollupFuzz } from '../rollup/fuzz.ts';
import type { OptimisticParams } from './params.ts';

/** The rollup's moves and capabilities, plus the fraud-proof adversary: forged roots and bond-burning stalls. */
export const optimisticFuzz: FuzzProfile<OptimisticParams> = {
  ...(rollupFuzz as unknown as FuzzProfile<OptimisticParams>),
  capabilities: [...rollupFuzz.capabilities, 'post-invalid-root', 'stall-disputes'],
};
