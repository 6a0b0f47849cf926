import fc from 'fast-check';
import { account } from '../crypto/accounts.ts';
import { BudgetExceeded, defineCapability, targetParty } from './capability.ts';

/** L1 builders leave a party's transactions out. Bounded: L1 censorship resistance is the assumption every exit rests on. */
export const censorL1 = defineCapability<{ party: string; blocks: number }>({
  name: 'censor-l1',
  description: "keep a party's L1 transactions out of blocks for a bounded number of blocks",
  async apply(world, { party, blocks }) {
    if (blocks > world.budget.censorBlocks) throw new BudgetExceeded('censor-l1', blocks, world.budget.censorBlocks, 'blocks');
    world.l1.policy.censor(account(party).address, world.height + blocks);
    return `${party}'s L1 transactions held out for ${blocks} blocks`;
  },
  arbitrary: (scope) => fc.record({ party: targetParty(scope), blocks: fc.integer({ min: 1, max: scope.budget.censorBlocks }) }),
});
