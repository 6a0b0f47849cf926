import fc from 'fast-check';
import { committeeIn } from '../protocols/validium/index.ts';
import { defineCapability } from './capability.ts';

/**
 * The operator wins over committee members: from now on it asks only them to certify its
 * batches, and they serve the data to no one. With fewer than k of them L1 still wants an
 * honest signature, and that member serves the data; with k they certify alone. How many
 * the adversary can win is the validium's stated trust assumption, so `members` is clamped
 * to it (k − 1 in the secure variant).
 */
export const dacWithhold = defineCapability<{ members: number }>({
  name: 'dac-withhold',
  description: 'committee members collude with the operator: they certify batch data and then withhold it',
  async apply(world, { members }) {
    const committee = committeeIn(world);
    if (!committee) return 'no data committee in this protocol: nothing to withhold';
    const colluders = committee.collude(members);
    const names = colluders.map((m) => m.name).join(', ') || 'none';
    return `${colluders.length} of ${committee.members.length} committee members collude with the operator (${names}; at most ${committee.rules.maxColluders} allowed, ${committee.rules.threshold} certify)`;
  },
  arbitrary: () => fc.record({ members: fc.integer({ min: 1, max: 32 }) }),
});
