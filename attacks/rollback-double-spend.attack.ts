import { unleash } from '../src/adversary/capability.ts';
import { delayBatchPosting } from '../src/adversary/delay-batch-posting.ts';
import { forceIncludeConflicting } from '../src/adversary/force-include-conflicting.ts';
import { postZipBomb } from '../src/adversary/post-zip-bomb.ts';
import { reorgL1 } from '../src/adversary/reorg-l1.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import type { World } from '../src/kernel/world.ts';
import { eth } from '../src/l1/units.ts';
import type { RollupSession } from '../src/protocols/rollup/session.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';
import type { RollupUser } from '../src/protocols/rollup/user.ts';

/** The four ways DoubleUp Roll rolls a payment back after the merchant has acted on it. */
export const ROLLBACK_MODES = ['zip-bomb', 'overtime', 'queuecut', 'l1-reorg'] as const;
export type RollbackMode = (typeof ROLLBACK_MODES)[number];

/**
 * Each mode has its own attacker (`mallory-<mode>`), funded on L2, who pays the merchant
 * everything it has and then tries to make that payment disappear from the canonical
 * chain while the goods are already shipped:
 * - zip-bomb: a transaction that inflates past the size limit lands in the same batch;
 * - overtime: the batch is held out of L1 until it is past its time bounds;
 * - queuecut: the batch is held out while a conflicting "withdraw everything" is forced in first;
 * - l1-reorg: the block with the batch is reorged out and the batch kept out until the conflicting message is forced in.
 * Which mode succeeds depends on which mitigation the variant lacks.
 */
export default defineAttack({
  name: 'rollback-double-spend',
  summary: 'roll back a payment the merchant already acted on: zip-bomb, overtime, queuecut and L1-reorg modes in turn',
  references: [
    'Sun et al., "DoubleUp Roll: Double-spending in Arbitrum by Rolling It Back", ACM CCS 2024 (overtime, queuecut, zip bomb; about US$500K in bounties; also shown on Optimism)',
    'Arbitrum SequencerInbox maxTimeVariation: futureBlocks raised 12 → 64 in 2024 after small L1 reorgs reverted batches (L2BEAT discovery history)',
    'nitro arbstate/inbox.go: MaxDecompressedLen = 16 MiB',
  ],
  targets: {
    optimistic: {
      secure: 'defended',
      'unchecked-batch-bounds': violated('accepted-payment-final'),
      'no-zip-bomb-limit': violated('accepted-payment-final'),
      'merchant-accepts-soft': violated('accepted-payment-final'),
    },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    for (const mode of ROLLBACK_MODES) {
      const mallory = await rollup.spawn(world, `mallory-${mode}`);
      await rollup.fund(world, mallory, eth(10));
      await world.step('note', mallory.name, `mode ${mode}: pays the merchant ${mallory.canonicalBalance()} wei, then tries to roll the payment back`);
      await MODES[mode](world, rollup, mallory);
      // Let the mode play out to L1 finality before the next one starts.
      await world.advance(rollup.params.batchIntervalBlocks + 2 * world.l1.finalityDepth);
      await world.settle();
    }
  },
});

type ModeRun = (world: World, rollup: RollupSession, mallory: RollupUser) => Promise<void>;

/** Blocks the sequencer's batches are held out: past the delay bound, with room for the forced message to land first. */
function holdBlocks(rollup: RollupSession, world: World): number {
  return rollup.params.forceInclusionDelayBlocks + 2 * world.l1.finalityDepth;
}

const MODES: Record<RollbackMode, ModeRun> = {
  async 'zip-bomb'(world, rollup, mallory) {
    await mallory.pay(world, rollup.merchant.address, mallory.canonicalBalance());
    await unleash(world, postZipBomb, { attacker: mallory.name, extraBytes: 1_024 });
    await world.advance(rollup.params.batchIntervalBlocks + 2 * world.l1.finalityDepth);
  },

  async overtime(world, rollup, mallory) {
    await mallory.pay(world, rollup.merchant.address, mallory.canonicalBalance());
    await unleash(world, delayBatchPosting, { blocks: holdBlocks(rollup, world) });
    await world.advance(holdBlocks(rollup, world) + rollup.params.batchIntervalBlocks + 2 * world.l1.finalityDepth);
  },

  async queuecut(world, rollup, mallory) {
    await mallory.pay(world, rollup.merchant.address, mallory.canonicalBalance());
    await unleash(world, delayBatchPosting, { blocks: holdBlocks(rollup, world) });
    await unleash(world, forceIncludeConflicting, { attacker: mallory.name });
    await world.advance(holdBlocks(rollup, world) + rollup.params.batchIntervalBlocks + 2 * world.l1.finalityDepth);
  },

  async 'l1-reorg'(world, rollup, mallory) {
    const { tx } = await mallory.pay(world, rollup.merchant.address, mallory.canonicalBalance());
    // Wait for the batch carrying the payment to land, then take its block away before it is final.
    const deadline = world.height + 4 * rollup.params.batchIntervalBlocks;
    while (rollup.derivation.tx(tx.hash) === undefined && world.height < deadline) {
      await world.advance(1);
      rollup.derivation.sync();
    }
    const landed = rollup.derivation.tx(tx.hash);
    if (landed) await unleash(world, reorgL1, { depth: world.height - landed.l1Block + 1 });
    await unleash(world, delayBatchPosting, { blocks: holdBlocks(rollup, world) });
    await unleash(world, forceIncludeConflicting, { attacker: mallory.name });
    await world.advance(holdBlocks(rollup, world) + rollup.params.batchIntervalBlocks + 2 * world.l1.finalityDepth);
  },
};
