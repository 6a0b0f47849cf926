import { z } from 'zod';
import { rollupParams } from '../rollup/params.ts';

/**
 * A zk rollup's parameters: the shared rollup ones plus the forced-request deadline the
 * escape hatch hangs on. Presets cite REFERENCE.md in their `sources`.
 */
export const zkParams = rollupParams.safeExtend({
  /**
   * Blocks an L1 forced withdrawal request may wait for the operator before anyone can
   * freeze the rollup and open the escape hatch (StarkEx FREEZE_GRACE_PERIOD = 7 days);
   * null where the design enforces no deadline (zkSync Era's priority queue).
   */
  forcedRequestDeadlineBlocks: z.number().int().min(1).max(10_000_000).nullable(),
  /** How often the operator's prover submits a proof of the posted batches. @defaultValue 10 (two minutes) */
  proofIntervalBlocks: z.number().int().min(1).max(50_400).default(10),
});

export type ZkParams = z.infer<typeof zkParams>;
