import { dacWithhold } from '../src/adversary/dac-withhold.ts';
import { unleash } from '../src/adversary/capability.ts';
import { defineAttack, violated } from '../src/kernel/attack.ts';
import { eth } from '../src/l1/units.ts';
import { committeeOf } from '../src/protocols/validium/index.ts';
import { HONEST_THRESHOLD } from '../src/protocols/validium/variants.ts';
import { zkOf } from '../src/protocols/zk/session.ts';

/**
 * The operator wins over as many committee members as the adversary can, certifies its
 * next batches with them alone and serves the data to no one, while its prover proves
 * roots over that data; then it disappears. With an honest threshold (at most k − 1
 * colluders) L1 still wants one honest signature, that member serves the data and users
 * exit with Merkle proofs; when k members collude the certificate is real, the data is
 * gone and the last verified root is a state no user can prove a balance in. That is the
 * validium's trust assumption, not a bug; a contract that counts a repeated signature
 * lets a single colluder do the same, and that is a bug.
 */
export default defineAttack({
  name: 'dac-withholding',
  summary: 'committee members certify batch data with the operator and withhold it; users must still get their data, or the trust assumption shows',
  references: [
    'Arbitrum docs, "AnyTrust protocol": a DACert needs N−1 of N signatures, assuming 2 honest members; fallback to posting data on L1',
    'Arbitrum docs, "DAC/DAS operations guide": K = N + 1 − H signatures for H assumed-honest members',
    'StarkEx validium: Committee.sol verifyAvailabilityProof, signaturesRequired k of n',
    'L2BEAT risk framework: "data availability" — a DAC that withholds data freezes validium funds',
  ],
  targets: {
    validium: {
      secure: 'defended',
      'colluding-committee': violated('data-availability', { assumption: HONEST_THRESHOLD }),
      'duplicate-signers': violated('data-availability'),
    },
  },
  async run({ world, instance }) {
    const zk = zkOf(instance);
    const committee = committeeOf(instance);
    await zk.workload(world);
    await unleash(world, dacWithhold, { members: committee.members.length });
    const [alice, bob] = zk.rollup.users;
    await alice!.pay(world, bob!.address, eth(1));
    await bob!.pay(world, alice!.address, eth(1) / 2n);
    const p = zk.params;
    // Time for a batch, a refused certificate and its retry, and a proof over whatever landed.
    await world.advance(2 * world.l1.finalityDepth + 4 * p.batchIntervalBlocks + 2 * p.proofIntervalBlocks + 8);
    await world.settle();
  },
});
