import { unleash } from '../src/adversary/capability.ts';
import { postInvalidRoot } from '../src/adversary/post-invalid-root.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';

/**
 * The attacker does not wait for the window: it posts a forged root and claims the value
 * it minted in the very next block, before any challenger could have acted. A bridge that
 * pays only against final roots refuses; one that pays against any proposed root pays.
 */
export default defineAttack({
  name: 'premature-withdrawal',
  summary: 'a forged root is used to withdraw in the next block, before its challenge window has even begun to run',
  references: [
    'OP Stack OptimismPortal2: proveWithdrawalTransaction then finalizeWithdrawalTransaction after PROOF_MATURITY_DELAY_SECONDS (specs withdrawals.md)',
    'Arbitrum Outbox: executeTransaction only for confirmed assertions (nitro-contracts src/bridge/Outbox.sol)',
  ],
  targets: {
    optimistic: { secure: 'defended', 'instant-withdrawal': violated('withdrawal-finality') },
  },
  async run({ world, instance }) {
    const rollup = rollupOf(instance);
    await rollup.workload(world);
    await unleash(world, postInvalidRoot, { attacker: 'forger', step: 0, eth: 10 });
    await world.advance(rollup.params.proposalIntervalBlocks);
    await world.settle();
  },
});
