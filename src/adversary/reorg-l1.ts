import fc from 'fast-check';
import { BudgetExceeded, defineCapability } from './capability.ts';

/** Reorganises the last blocks; their transactions go back to the mempool (and may be left out again). */
export const reorgL1 = defineCapability<{ depth: number }>({
  name: 'reorg-l1',
  description: 'drop the last k L1 blocks, up to the finality depth',
  async apply(world, { depth }) {
    if (depth > world.budget.reorgDepthBlocks) throw new BudgetExceeded('reorg-l1', depth, world.budget.reorgDepthBlocks, 'blocks of depth');
    // Never past the last final block: after an earlier reorg that may be less than the drawn depth, or nothing.
    const possible = Math.min(depth, world.height - world.l1.finalized().number);
    if (possible === 0) return 'nothing to reorganise: every block is final';
    const returned = await world.l1.reorg(possible);
    return `last ${possible} blocks dropped, ${returned.length} transactions back in the mempool`;
  },
  arbitrary: ({ budget }) => fc.record({ depth: fc.integer({ min: 1, max: budget.reorgDepthBlocks }) }),
});
