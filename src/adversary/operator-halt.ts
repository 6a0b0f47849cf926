import fc from 'fast-check';
import { defineCapability } from './capability.ts';

/** The operator stops for good, mid-session: the "operator disappears" test from the seeds, before recovery begins. */
export const operatorHalt = defineCapability<Record<string, never>>({
  name: 'operator-halt',
  description: 'the operator (sequencer, proposer, counterparty, committee, custodian) stops forever',
  async apply(world) {
    world.removeRole('operator');
    return 'operator halted';
  },
  arbitrary: () => fc.constant({}),
});
