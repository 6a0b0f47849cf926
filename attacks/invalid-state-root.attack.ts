import { unleash } from '../src/adversary/capability.ts';
import { postInvalidRoot } from '../src/adversary/post-invalid-root.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { eth } from '../src/l1/units.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';
import { confirmationBoundBlocks } from '../src/protocols/optimistic/params.ts';

/**
 * The optimistic rollup's defining attack: a bonded proposer posts a state root in which
 * one transaction mints it value, then waits for the root to become final and withdraws
 * the value from the bridge. Any watcher re-deriving the chain challenges it; bisection
 * narrows the dispute to that transaction and L1 re-executes it.
 */
export default defineAttack({
  name: 'invalid-state-root',
  summary: 'a proposer posts a state root with one transaction corrupted to mint it value, and withdraws once the root is final',
  references: [
    'OP Stack OptimismPortal invariants: withdrawals only against finalized, undisputed output roots (specs withdrawals.md)',
    'Arbitrum classic interactive challenge: bisection to a single WAVM step proven by OneStepProver (Kalodner et al., USENIX Security 2018)',
    'BoLD: Fast and Cheap Dispute Resolution (AFT 2024, arXiv 2404.10491)',
  ],
  targets: {
    optimistic: { secure: 'defended', 'no-fraud-proof': violated('valid-state-only') },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    await unleash(world, postInvalidRoot, { attacker: 'forger', step: world.rng.int(0, 8), eth: 10 });
    const [alice, bob] = rollup.users;
    await alice!.pay(world, bob!.address, eth(1));
    const p = rollup.params;
    const clock = (p as typeof p & { disputeClockBlocks: number }).disputeClockBlocks;
    await world.advance(confirmationBoundBlocks(p.challengeWindowBlocks, clock) + p.proposalIntervalBlocks + world.l1.finalityDepth);
    await world.settle();
  },
});
