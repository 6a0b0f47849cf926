import { unleash } from '../src/adversary/capability.ts';
import { stallDisputes } from '../src/adversary/stall-disputes.ts';
import { defineAttack } from '../src/kernel/attack.ts';
import { eth } from '../src/l1/units.ts';
import { confirmationBoundBlocks } from '../src/protocols/optimistic/params.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';

/**
 * An attacker burns bonds to hold honest roots back: three challenges of every honest
 * root at the end of its window, each played at the last block its clock allows. Games
 * run in parallel and each side's clock is bounded, so an honest root still confirms
 * within window + 2 clocks; `withdrawal-finality` holds the rollup to that bound.
 */
export default defineAttack({
  name: 'dispute-delay',
  summary: 'an attacker sacrifices bonds on challenges of honest roots to push their confirmation past the stated bound',
  references: [
    'Offchain Labs, "Solutions to delay attacks on rollups" (2022)',
    'BoLD: Fast and Cheap Dispute Resolution (AFT 2024, arXiv 2404.10491): confirmation within two challenge periods however many attackers',
    'OP Stack fault-dispute-game.md: chess clocks bound a game to twice MAX_CLOCK_DURATION',
  ],
  targets: {
    optimistic: { secure: 'defended' },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await unleash(world, stallDisputes, { attacker: 'staller', games: 3 });
    await rollup.workload(world);
    const [alice, bob] = rollup.users;
    await alice!.withdraw(world, eth(1));
    await bob!.pay(world, alice!.address, eth(1));
    const p = rollup.params as typeof rollup.params & { disputeClockBlocks: number };
    await world.advance(confirmationBoundBlocks(p.challengeWindowBlocks, p.disputeClockBlocks) + 2 * p.proposalIntervalBlocks + world.l1.finalityDepth);
    await world.settle();
  },
});
