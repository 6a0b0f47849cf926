import type { World } from '../kernel/world.ts';
import { defineInvariant } from './define.ts';

/** A delayed (forced) message and where, if anywhere, the canonical chain took it in. */
export interface ForcedMessageRecord {
  readonly index: number;
  /** Who sent it, as traces name parties. */
  readonly sender: string;
  readonly sentAtBlock: number;
  /** L1 block of the inbox entry that put it in the chain derived from L1, if any. */
  readonly includedAtBlock?: number;
}

export interface ForcedInclusionSubject {
  /** Every delayed message on L1, with its inclusion as derivation (not the sequencer) sees it. */
  forcedMessages(world: World): Promise<readonly ForcedMessageRecord[]>;
  /**
   * Blocks after arrival by which a delayed message must be in the canonical chain: the
   * protocol's force-inclusion delay plus the L1 censorship the adversary's budget allows.
   */
  boundBlocks(world: World): number;
}

/**
 * Censorship resistance: whatever the sequencer does, a message a user puts in the
 * delayed inbox on L1 reaches the canonical chain within the protocol's bound (Arbitrum's
 * delayed inbox and force inclusion, OP's deposits).
 */
export const forcedInclusionBound = defineInvariant<ForcedInclusionSubject>({
  name: 'forced-inclusion-bound',
  kind: 'eventually',
  description: 'a message sent through the delayed inbox is in the canonical chain within the protocol bound',
  async check(subject, world) {
    const bound = subject.boundBlocks(world);
    const late = (await subject.forcedMessages(world)).filter((m) => {
      const deadline = m.sentAtBlock + bound;
      return world.height > deadline && (m.includedAtBlock === undefined || m.includedAtBlock > deadline);
    });
    return late.map((m) => ({
      message:
        m.includedAtBlock === undefined
          ? `${m.sender}'s delayed message #${m.index} from L1 block ${m.sentAtBlock} is still not in the canonical chain ${world.height - m.sentAtBlock} blocks later (bound ${bound} blocks)`
          : `${m.sender}'s delayed message #${m.index} from L1 block ${m.sentAtBlock} entered the canonical chain only at block ${m.includedAtBlock} (bound ${bound} blocks)`,
      actors: [m.sender],
    }));
  },
});
