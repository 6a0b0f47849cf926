import fc from 'fast-check';
import { BudgetExceeded, defineCapability } from './capability.ts';

/** Reorganises the last blocks; their transactions go back to the mempool (and may be left out again). */
export const reorgL1 = defineCapability<{ depth: number }>({
  name: 'reorg-l1',
  description: 'drop the last k L1 blocks, up to the finality depth',
  async apply(world, { depth }) {
    const budget = Math.min(world.budget.reorgDepthBlocks, world.height);
    if (depth > budget) throw new BudgetExceeded('reorg-l1', depth, budget, 'blocks of depth');
    const returned = await world.l1.reorg(depth);
    return `last ${depth} blocks dropped, ${returned.length} transactions back in the mempool`;
  },
  arbitrary: (world) => fc.record({ depth: fc.integer({ min: 1, max: Math.max(1, Math.min(world.budget.reorgDepthBlocks, world.height)) }) }),
});
