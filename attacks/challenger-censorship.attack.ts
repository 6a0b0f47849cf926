import { unleash } from '../src/adversary/capability.ts';
import { censorL1 } from '../src/adversary/censor-l1.ts';
import { postInvalidRoot } from '../src/adversary/post-invalid-root.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { confirmationBoundBlocks } from '../src/protocols/optimistic/params.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';

/**
 * A forged root plus censorship of its challenger: the adversary keeps the watchtower's
 * L1 transactions out of blocks for its whole censorship budget, hoping the window closes
 * first. Defended exactly when the window exceeds the budget plus the challenger's
 * response time — why windows are days, not hours.
 */
export default defineAttack({
  name: 'challenger-censorship',
  summary: "a forged root is posted while the challenger's L1 transactions are censored for the adversary's whole budget",
  references: [
    'Offchain Labs, "Fraud proofs and the challenge period": the window must outlast censorship of challengers (arbitrum docs)',
    'OP Stack fault-dispute-game.md: chess clocks and the censorship assumption behind MAX_CLOCK_DURATION',
    'BoLD (AFT 2024, arXiv 2404.10491): the challenge period is sized for a week of censorship resistance',
  ],
  targets: {
    optimistic: { secure: 'defended', 'no-fraud-proof': violated('valid-state-only'), 'short-challenge-window': violated('valid-state-only') },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    await unleash(world, censorL1, { party: 'watchtower', blocks: world.budget.censorBlocks });
    await unleash(world, postInvalidRoot, { attacker: 'forger', step: world.rng.int(0, 8), eth: 10 });
    const p = rollup.params as typeof rollup.params & { disputeClockBlocks: number };
    await world.advance(world.budget.censorBlocks + confirmationBoundBlocks(p.challengeWindowBlocks, p.disputeClockBlocks) + world.l1.finalityDepth);
    await world.settle();
  },
});
