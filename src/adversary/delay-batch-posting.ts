import fc from 'fast-check';
import { sequencerIn } from '../protocols/rollup/session.ts';
import { BudgetExceeded, defineCapability } from './capability.ts';

/**
 * L1 builders (or a fee spike) keep the sequencer's batch transactions out of blocks —
 * DoubleUp Roll's lever for "overtime": a batch that lands past its time bounds is thrown
 * away by derivation, together with every payment in it. Bounded by the L1 censorship budget.
 */
export const delayBatchPosting = defineCapability<{ blocks: number }>({
  name: 'delay-batch-posting',
  description: "keep the sequencer's batch transactions out of L1 blocks for a bounded number of blocks",
  async apply(world, { blocks }) {
    if (blocks > world.budget.censorBlocks) throw new BudgetExceeded('delay-batch-posting', blocks, world.budget.censorBlocks, 'blocks');
    const sequencer = sequencerIn(world);
    if (!sequencer) return 'no sequencer is running: no batches to delay';
    world.l1.policy.censor(sequencer.address, world.height + blocks);
    return `the sequencer's batches are held out of L1 until block ${world.height + blocks}`;
  },
  // Half the draws hold batches for the whole budget: past the inbox's time bounds is where overtime lives.
  arbitrary: ({ budget }) => fc.record({ blocks: fc.oneof(fc.integer({ min: 1, max: budget.censorBlocks }), fc.constant(budget.censorBlocks)) }),
});
