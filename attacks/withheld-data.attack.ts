import { unleash } from '../src/adversary/capability.ts';
import { withholdBatchData } from '../src/adversary/withhold-batch-data.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { eth } from '../src/l1/units.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';

/**
 * The operator posts its batches as bare hashes and keeps the data, while its proposer
 * commits state roots over them. A rollup's inbox refuses a batch without data; an inbox
 * that takes hashes lets those roots become final over state no honest party can
 * reconstruct — the validium trust model, without the committee.
 */
export default defineAttack({
  name: 'withheld-data',
  summary: 'the operator withholds batch data while committing state roots over it',
  references: [
    'OP Stack derivation spec: the chain is derived from L1 data alone (specs derivation.md)',
    'AnyTrust: data withholding by a committee that signs but does not serve (arbitrum docs "AnyTrust protocol")',
    'EIP-4844: blob data availability and its ~18-day retention (consensus-specs MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS)',
  ],
  targets: {
    optimistic: { secure: 'defended', 'commit-without-data': violated('data-availability') },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    const p = rollup.params;
    await unleash(world, withholdBatchData, { blocks: p.proposalIntervalBlocks });
    const [alice, bob] = rollup.users;
    await alice!.pay(world, bob!.address, eth(1));
    await bob!.pay(world, alice!.address, eth(1) / 2n);
    // Long enough for a proposal over the withheld batch and its window to pass.
    await world.advance(2 * p.proposalIntervalBlocks + p.challengeWindowBlocks + world.l1.finalityDepth);
    await world.settle();
  },
});
