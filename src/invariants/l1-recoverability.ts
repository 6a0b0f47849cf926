import type { World } from '../kernel/world.ts';
import { formatEth } from '../l1/units.ts';
import { defineInvariant } from './define.ts';

export interface RecoveryClaim {
  readonly party: string;
  /** What the party was owed when the operator disappeared, by the honest view of the system. */
  readonly entitledWei: bigint;
  /** What L1 contracts paid the party since then. */
  readonly recoveredWei: bigint;
  /** What stood in the party's way, by its own records (its node cannot rebuild the state it must prove from). @defaultValue none */
  readonly obstacle?: string;
}

export interface RecoverabilitySubject {
  claims(world: World): Promise<readonly RecoveryClaim[]>;
}

/** The seeds' test of a Layer 2: with the operator gone, every honest user gets its funds back through L1 alone. */
export const l1Recoverability = defineInvariant<RecoverabilitySubject>({
  name: 'l1-recoverability',
  kind: 'eventually',
  description: 'after the operator is removed, every honest user recovers at least its entitled balance via L1 alone',
  async check(subject, world) {
    const short = (await subject.claims(world)).filter((c) => c.recoveredWei < c.entitledWei);
    return short.map((c) => ({
      message: `${c.party} recovered ${formatEth(c.recoveredWei)} of ${formatEth(c.entitledWei)} through L1 after the operator disappeared${c.obstacle ? `: ${c.obstacle}` : ''}`,
      actors: [c.party],
      amounts: { entitledWei: String(c.entitledWei), recoveredWei: String(c.recoveredWei) },
    }));
  },
});
