import { unleash } from '../src/adversary/capability.ts';
import { censorL2 } from '../src/adversary/censor-l2.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';

/**
 * The sequencer ignores alice for a week: her transactions never reach the feed and her
 * delayed messages are never sequenced. Alice wants half her balance out. She waits out
 * her patience, puts the withdrawal into the delayed inbox on L1, and forces it into the
 * chain once the delay bound has passed — no sequencer needed.
 */
export default defineAttack({
  name: 'sequencer-censorship',
  summary: "the sequencer ignores a user's transactions; forced inclusion through the delayed inbox must get them in within the bound",
  references: [
    'Arbitrum delayed inbox and SequencerInbox.forceInclusion: once block.number > l1Block + min(delayBlocks, buffer) (nitro-contracts SequencerInbox.sol)',
    'OP Stack deposits: OptimismPortal.depositTransaction, included by derivation within the sequencing window (specs deposits.md, derivation.md)',
    'L2BEAT risk framework: sequencer failure and forced transactions',
  ],
  targets: {
    optimistic: { secure: 'defended', 'no-forced-inclusion': violated('forced-inclusion-bound') },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    const alice = rollup.users[0]!;
    await unleash(world, censorL2, { party: alice.name, blocks: 50_400 });
    const { result } = await alice.withdraw(world, alice.canonicalBalance() / 2n);
    world.record('note', alice.name, `the sequencer's answer to her withdrawal: ${result.status}`);
    const p = rollup.params;
    await world.advance(p.userPatienceBlocks + p.forceInclusionDelayBlocks + 2 * world.l1.finalityDepth);
    await world.settle();
  },
});
