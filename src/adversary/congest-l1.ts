import fc from 'fast-check';
import { BudgetExceeded, defineCapability } from './capability.ts';

/** Floods L1 so that bids under a fee floor wait: the cheap way to delay a challenger. */
export const congestL1 = defineCapability<{ feeFloorGwei: number; blocks: number }>({
  name: 'congest-l1',
  description: 'price out L1 transactions bidding under a fee floor for a bounded number of blocks',
  async apply(world, { feeFloorGwei, blocks }) {
    if (blocks > world.budget.censorBlocks) throw new BudgetExceeded('congest-l1', blocks, world.budget.censorBlocks, 'blocks');
    world.l1.policy.congest(BigInt(feeFloorGwei) * 1_000_000_000n, world.height + blocks);
    return `bids under ${feeFloorGwei} gwei wait ${blocks} blocks`;
  },
  arbitrary: ({ budget }) => fc.record({ feeFloorGwei: fc.integer({ min: 20, max: 2_000 }), blocks: fc.integer({ min: 1, max: budget.censorBlocks }) }),
});
