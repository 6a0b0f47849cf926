import fc from 'fast-check';
import { BudgetExceeded, defineCapability, targetParty } from './capability.ts';

/** Takes a party offline (eclipse, DoS, or just a laptop lid): it sees no blocks and sends nothing. */
export const goOffline = defineCapability<{ party: string; blocks: number }>({
  name: 'go-offline',
  description: 'take a party offline for a bounded number of blocks',
  async apply(world, { party, blocks }) {
    if (blocks > world.budget.offlineBlocks) throw new BudgetExceeded('go-offline', blocks, world.budget.offlineBlocks, 'blocks');
    world.setOffline(party, world.height + blocks);
    return `${party} offline for ${blocks} blocks`;
  },
  arbitrary: (scope) => fc.record({ party: targetParty(scope), blocks: fc.integer({ min: 1, max: scope.budget.offlineBlocks }) }),
});
