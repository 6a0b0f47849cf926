import type { Hex } from '../crypto/keccak.ts';
import type { World } from '../kernel/world.ts';
import type { StateCommitment } from '../l1/contracts/state-commitments.ts';
import { nameOf } from '../crypto/accounts.ts';
import { defineInvariant } from './define.ts';

export interface ValidStateSubject {
  /** State roots final on L1 now (zk: every verified root; optimistic: those past their window and disputes). */
  acceptedRoots(world: World): Promise<readonly StateCommitment[]>;
  /** The root derivation from L1 data gives after `batchCount` inbox entries; undefined if it cannot get that far. */
  honestRoot(world: World, batchCount: number): Promise<Hex | undefined>;
}

/**
 * The rollup's safety claim: a state root that disagrees with the chain derived from L1
 * data never becomes final — it is what withdrawals are paid against. The truth is the
 * honest derivation, never the proposer's word.
 */
export const validStateOnly = defineInvariant<ValidStateSubject>({
  name: 'valid-state-only',
  kind: 'always',
  description: 'no state root that disagrees with derivation from L1 data becomes final',
  async check(subject, world) {
    const findings = [];
    for (const r of await subject.acceptedRoots(world)) {
      const honest = await subject.honestRoot(world, r.batchCount);
      if (honest === undefined || honest === r.stateRoot) continue;
      const proposer = nameOf(r.proposer);
      findings.push({
        message: `state root #${r.index} from ${proposer} (${r.stateRoot.slice(0, 10)}) is final at L1 block ${world.height}, but derivation gives ${honest.slice(0, 10)} after ${r.batchCount} inbox entries: the bridge pays against a state no one reached`,
        actors: [proposer],
      });
    }
    return findings;
  },
});
