import fc from 'fast-check';
import { account } from '../crypto/accounts.ts';
import { sequencerIn } from '../protocols/rollup/session.ts';
import { defineCapability } from './capability.ts';

/**
 * The sequencer ignores a party: its transactions are never soft-confirmed and its
 * delayed messages never sequenced (which stalls the delayed queue behind them). No
 * budget: a sequencer can censor for as long as it likes — forced inclusion is the answer.
 */
export const censorL2 = defineCapability<{ party: string; blocks: number }>({
  name: 'censor-l2',
  description: "the sequencer ignores a party's L2 transactions and delayed messages for a number of blocks",
  async apply(world, { party, blocks }) {
    const sequencer = sequencerIn(world);
    if (!sequencer) return 'no sequencer is running: nothing to censor';
    sequencer.censor(account(party).address, world.height + blocks);
    return `the sequencer ignores ${party} until L1 block ${world.height + blocks}`;
  },
  arbitrary: ({ parties }) => fc.record({ party: fc.constantFrom(...parties), blocks: fc.integer({ min: 1, max: 50_400 }) }),
});
