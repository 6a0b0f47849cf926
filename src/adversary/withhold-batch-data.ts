import fc from 'fast-check';
import { sequencerIn } from '../protocols/rollup/session.ts';
import { defineCapability } from './capability.ts';

/**
 * The sequencer posts batches as bare hashes and keeps their data to itself. A rollup's
 * inbox refuses such batches; a validium-like inbox takes them, and roots over them can
 * become final while no honest party can check or exit from that state.
 */
export const withholdBatchData = defineCapability<{ blocks: number }>({
  name: 'withhold-batch-data',
  description: 'the sequencer posts batch hashes without their data for a number of blocks',
  async apply(world, { blocks }) {
    const sequencer = sequencerIn(world);
    if (!sequencer) return 'no sequencer is running: nothing to withhold';
    sequencer.withhold(world.height + blocks);
    return `the sequencer withholds batch data until L1 block ${world.height + blocks}`;
  },
  arbitrary: () => fc.record({ blocks: fc.integer({ min: 1, max: 7_200 }) }),
});
