import { defineProtocol, type VariantInfo } from '../define.ts';
import { blobAssumptions } from '../rollup/blob-archive.ts';
import { zkFuzz } from './fuzz.ts';
import { zkParams, type ZkParams } from './params.ts';
import { ZkSession } from './session.ts';
import { ZK_VARIANTS, zkFeaturesOf } from './variants.ts';

/**
 * The zk rollup (StarkEx, zkSync Era): the rollup machinery with batches proven valid
 * before L1 accepts their root. The validity proof is modelled as L1 re-executing the
 * batch over Merkle witnesses — sound by construction. Proving is the operator's alone, so
 * the last resort is StarkEx's: a forced withdrawal request ignored past its deadline
 * freezes the rollup, and users exit with Merkle proofs against the last verified root.
 */
export const zk = defineProtocol<ZkParams>({
  name: 'zk',
  summary: 'zk rollup: batches on L1 proven by on-L1 re-execution over Merkle witnesses; forced requests, freeze and escape hatch',
  variants: Object.fromEntries(Object.entries(ZK_VARIANTS).map(([name, spec]) => [name, spec.info as VariantInfo])),
  defaultPreset: 'starkex',
  params: zkParams,
  trust: {
    operator: () => 'the operator (sequencer and prover)',
    dataAvailability: 'l1',
    stateValidity: 'validity-proof',
    // An escape needs the full state to prove a balance: with blobs, someone must keep them past retention.
    assumptions: blobAssumptions,
    windows: {
      // How long the operator has to serve a forced request before users can freeze and escape.
      exit: { param: 'forcedRequestDeadlineBlocks' },
      // No forced inclusion: an ignored request is answered by the freeze, not by forcing it in.
      forcedInclusion: 'none',
      withdrawalDelay: { param: 'proofIntervalBlocks' },
    },
  },
  fuzz: zkFuzz,
  async setup(world, { variant, params }) {
    return ZkSession.create(world, params, zkFeaturesOf(variant));
  },
});
