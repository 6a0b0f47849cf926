import { unleash } from '../src/adversary/capability.ts';
import { censorL2 } from '../src/adversary/censor-l2.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { zkOf } from '../src/protocols/zk/session.ts';

/** How long the operator ignores the victim when the preset has no deadline: two weeks. */
const NO_DEADLINE_CENSOR_BLOCKS = 100_800;

/**
 * The operator stays up but ignores one user's forced withdrawal request on L1. StarkEx's
 * answer: once the request has waited past the grace period, anyone freezes the rollup and
 * every user leaves with a Merkle proof against the last verified root. Where the design
 * enforces no deadline (zkSync Era's priority queue) the request simply waits.
 */
export default defineAttack({
  name: 'ignored-forced-exit',
  summary: "the operator ignores a user's forced withdrawal request; the deadline, freeze and escape hatch must get the user out",
  references: [
    'StarkEx forced withdrawals and freeze: FREEZE_GRACE_PERIOD 7 days, escape with a Merkle proof (starkex-contracts LibConstants.sol, Escapes)',
    'zkSync Era priority queue: expiration 0 days, no enforced deadline (era-contracts Config.sol)',
    'L2BEAT risk framework: "exit window" and forced transactions for zk rollups',
  ],
  targets: {
    zk: { secure: 'defended', 'unsound-verifier': 'defended', 'no-escape-hatch': violated('l1-recoverability') },
    // The same freeze and escape hatch; the escape proofs are built from data the committee serves.
    validium: { secure: 'defended' },
  },
  async run({ world, instance }) {
    const zk = zkOf(instance);
    await zk.workload(world);
    const victim = zk.honest[0]!;
    const deadline = zk.params.forcedRequestDeadlineBlocks;
    await unleash(world, censorL2, { party: victim.name, blocks: deadline === null ? NO_DEADLINE_CENSOR_BLOCKS : 2 * deadline });
    await victim.exitAll(world);
    await world.advance((deadline ?? NO_DEADLINE_CENSOR_BLOCKS) + zk.params.userPatienceBlocks + 2 * world.l1.finalityDepth + 16);
    await world.settle();
  },
});
