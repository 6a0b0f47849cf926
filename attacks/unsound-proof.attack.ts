import { unleash } from '../src/adversary/capability.ts';
import { signInvalidProof } from '../src/adversary/sign-invalid-proof.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import type { World } from '../src/kernel/world.ts';
import { eth, formatEth } from '../src/l1/units.ts';
import type { RollupUser } from '../src/protocols/rollup/user.ts';
import { zkOf, type ZkSession } from '../src/protocols/zk/session.ts';

/**
 * The prover has a missing constraint (no sender-balance check) and the attacker knows
 * it: with 1 ETH on L2 it asks, through the delayed inbox, to withdraw 10 ETH. The honest
 * chain fails that request; the buggy prover proves a state where it succeeded. A verifier
 * that re-executes with every constraint rejects the proof; one missing the same
 * constraint accepts it, and the attacker takes 10 ETH out of the bridge.
 */
export default defineAttack({
  name: 'unsound-proof',
  summary: 'a proof of an invalid transition (an overdraft) is submitted; only a sound verifier rejects it',
  references: [
    'Polygon zkEVM audits 2023: missing constraints in the prover (REFERENCE.md, prover soundness bug)',
    'zkSync Era bug bounty: soundness issues in the circuits',
    'L2BEAT risk framework: "proof system" — a proof accepted is not a state valid',
  ],
  targets: {
    zk: { secure: 'defended', 'unsound-verifier': violated('valid-state-only') },
    // The same verifier: data off L1 changes nothing about what a proof must show.
    validium: { secure: 'defended' },
  },
  async run({ world, instance }) {
    const zk = zkOf(instance);
    await zk.workload(world);
    const mallory = await zk.rollup.spawn(world, 'mallory');
    await zk.rollup.fund(world, mallory, eth(1));
    await unleash(world, signInvalidProof, {});
    await mallory.sendForced(world, { action: 'withdraw', to: mallory.address, amountWei: eth(10), all: false });
    const p = zk.params;
    await world.advance(2 * world.l1.finalityDepth + 2 * p.batchIntervalBlocks + 2 * p.proofIntervalBlocks + 8);
    await claimForgedWithdrawals(world, zk, mallory);
    await world.settle();
  },
});

/** If L1 accepted the prover's state, the attacker proves its forged withdrawal against that root. */
async function claimForgedWithdrawals(world: World, zk: ZkSession, attacker: RollupUser): Promise<void> {
  const { verifier, escapeHatch } = zk.contracts;
  const latest = (await verifier.commitment((await verifier.count()) - 1))!;
  const forged = zk.prover.stateAfter(latest.batchCount);
  if (forged.stateRoot() !== latest.stateRoot) {
    world.record('note', attacker.name, `the verifier did not accept the prover's state: the latest verified root ${latest.stateRoot.slice(0, 10)} is the honest one`);
    return;
  }
  const roots = forged.roots();
  for (const w of forged.withdrawals) {
    if (w.to !== attacker.address.toLowerCase() || (await escapeHatch.isPaid(w.index))) continue;
    await escapeHatch.finalizeWithdrawal({ from: attacker.address }, latest.index, w, {
      accountsRoot: roots.accountsRoot,
      accountCount: roots.accountCount,
      withdrawalCount: roots.withdrawalCount,
      siblings: forged.withdrawalProof(w.index),
    });
    await world.step('action', attacker.name, `claims forged withdrawal #${w.index} of ${formatEth(w.amountWei)} against verified root ${latest.index}`, { index: w.index });
  }
}
