import { unleash } from '../src/adversary/capability.ts';
import { operatorHalt } from '../src/adversary/operator-halt.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';

/**
 * The seeds' defining test of a Layer 2: the operator stops, forever, in the middle of an
 * ordinary session. A rollup or channel user still exits through L1; a custodial or
 * sidechain user cannot.
 */
export default defineAttack({
  name: 'operator-disappears',
  summary: 'the operator halts forever mid-session; every honest user must still exit through L1 alone',
  references: [
    'OP Stack derivation spec: deposit-only blocks after the sequencing window (specs derivation.md)',
    'L2BEAT risk framework: "what happens if the operator is down"',
    'Blockstream Help Center, "How does the Liquid Federation\'s multisig work": an 11-of-15 federation signs every peg-out',
  ],
  targets: {
    // The counterparty vanishes: alice closes with her latest state, waits out the window and finalizes.
    channel: { secure: 'defended' },
    // The sequencer and proposer vanish: users force withdrawals in through the delayed inbox, propose the root themselves and prove their exits.
    optimistic: { secure: 'defended', 'no-forced-inclusion': violated('l1-recoverability') },
    // The operator vanishes: forced withdrawal requests go unserved, anyone freezes after the deadline, users escape with Merkle proofs against the last verified root.
    zk: { secure: 'defended', 'unsound-verifier': 'defended', 'no-escape-hatch': violated('l1-recoverability') },
    // As zk, with the batch data read from the committee: any honest member that signed serves it.
    validium: { secure: 'defended' },
    custodial: { reference: violated('l1-recoverability') },
    // The federation vanishes: the bridge still wants k of n member signatures, and no one is left to give them.
    sidechain: { reference: violated('l1-recoverability') },
  },
  async run({ world, instance }) {
    await instance.workload(world);
    await unleash(world, operatorHalt, {});
  },
});
