import type { World } from '../kernel/world.ts';
import { defineInvariant } from './define.ts';

export interface DataAvailabilitySubject {
  /** Inbox entries covered by the newest final state root on L1. */
  finalizedBatchCount(world: World): Promise<number>;
  /** The first inbox entry whose data no honest party could retrieve while L1 retained it, if any. */
  firstUnavailableBatch(world: World): Promise<{ readonly sequenceNumber: number; readonly l1Block: number } | undefined>;
}

/**
 * What makes a rollup a rollup rather than a validium: the data behind every final state
 * root was published where any honest party could read it (calldata forever, blobs for
 * their ~18-day retention window). A final root over withheld data lets the operator
 * freeze or take funds no one can prove are theirs.
 */
export const dataAvailability = defineInvariant<DataAvailabilitySubject>({
  name: 'data-availability',
  kind: 'always',
  description: 'the data behind every finalized root is retrievable by an honest party within the retention window',
  async check(subject, world) {
    const missing = await subject.firstUnavailableBatch(world);
    if (!missing) return [];
    const covered = await subject.finalizedBatchCount(world);
    if (missing.sequenceNumber >= covered) return [];
    return [
      {
        message: `a final state root covers batch #${missing.sequenceNumber} (L1 block ${missing.l1Block}) whose data no honest party can retrieve: users cannot check or exit from that state`,
      },
    ];
  },
});
