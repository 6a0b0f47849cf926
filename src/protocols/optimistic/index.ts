import { defineProtocol, type VariantInfo } from '../define.ts';
import { rollupFuzz } from '../rollup/fuzz.ts';
import { rollupParams, type RollupParams } from '../rollup/params.ts';
import { RollupSession } from '../rollup/session.ts';
import { featuresOf, OPTIMISTIC_VARIANTS } from './variants.ts';

/**
 * The optimistic rollup (Arbitrum One, OP Mainnet): batches with their data on L1, a
 * delayed inbox with forced inclusion, an L1 bridge paying withdrawals against final state
 * roots, and merchants that know the difference between a soft confirmation and the
 * chain. State roots become final by a PLACEHOLDER rule here (a window passes); the
 * fraud-proof issue replaces it with challenges and bisection to a one-step proof.
 */
export const optimistic = defineProtocol<RollupParams>({
  name: 'optimistic',
  summary: 'optimistic rollup: sequencer and batches on L1, delayed inbox with forced inclusion, bridge with withdrawals against final roots',
  variants: Object.fromEntries(Object.entries(OPTIMISTIC_VARIANTS).map(([name, spec]) => [name, spec.info as VariantInfo])),
  defaultPreset: 'arbitrum-one',
  params: rollupParams,
  trust: {
    operator: () => 'the sequencer and proposer',
    // Batch data is on L1 (calldata or blobs): anyone can rebuild the chain from it.
    dataAvailability: 'l1',
    // The design's rule; until the fraud-proof issue lands, roots become final by the placeholder window.
    stateValidity: 'fraud-proof',
    windows: {
      exit: { param: 'challengeWindowBlocks' },
      forcedInclusion: { param: 'forceInclusionDelayBlocks' },
      withdrawalDelay: { param: 'challengeWindowBlocks' },
    },
  },
  fuzz: rollupFuzz,
  async setup(world, { variant, params }) {
    return RollupSession.create(world, params, featuresOf(variant));
  },
});
