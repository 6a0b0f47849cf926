import { defineProtocol, type VariantInfo } from '../define.ts';
import { deployRollup } from '../rollup/contracts.ts';
import { optimisticFuzz } from './fuzz.ts';
import type { RollupParams } from '../rollup/params.ts';
import { RollupSession } from '../rollup/session.ts';
import { blobAssumptions } from '../rollup/blob-archive.ts';
import { attachFraudProofs } from './fraud-proofs.ts';
import { fraudProofRules, optimisticParams, SHORT_CHALLENGE_WINDOW_BLOCKS, type OptimisticParams } from './params.ts';
import { featuresOf, OPTIMISTIC_VARIANTS } from './variants.ts';

/**
 * The optimistic rollup (Arbitrum One, OP Mainnet): batches with their data on L1, a
 * delayed inbox with forced inclusion, an L1 bridge paying withdrawals against final state
 * roots, and merchants that know the difference between a soft confirmation and the
 * chain. A state root is final once it survived its challenge window: anyone may
 * challenge it with a bond, and the dispute is bisected over the batch's per-transaction
 * roots down to one step L1 re-executes; the loser's bond is slashed.
 */
export const optimistic = defineProtocol<OptimisticParams>({
  name: 'optimistic',
  summary: 'optimistic rollup: sequencer and batches on L1, delayed inbox with forced inclusion, bonded roots final after a challenge window with bisection fraud proofs',
  variants: Object.fromEntries(Object.entries(OPTIMISTIC_VARIANTS).map(([name, spec]) => [name, spec.info as VariantInfo])),
  defaultPreset: 'arbitrum-one',
  params: optimisticParams,
  trust: {
    operator: () => 'the sequencer and proposer',
    // Batch data is on L1 (calldata or blobs): anyone can rebuild the chain from it.
    dataAvailability: 'l1',
    stateValidity: 'fraud-proof',
    assumptions: blobAssumptions,
    windows: {
      exit: { param: 'challengeWindowBlocks' },
      forcedInclusion: { param: 'forceInclusionDelayBlocks' },
      withdrawalDelay: { param: 'challengeWindowBlocks' },
    },
  },
  fuzz: optimisticFuzz,
  async setup(world, { variant, params }) {
    const features = featuresOf(variant);
    const window = features.challengeWindow === 'short' ? Math.min(SHORT_CHALLENGE_WINDOW_BLOCKS, params.challengeWindowBlocks) : params.challengeWindowBlocks;
    const p: OptimisticParams = { ...params, challengeWindowBlocks: window };
    const rules = fraudProofRules(p, features.fraudProofs);
    const session = await RollupSession.create(world, p as RollupParams, features, {
      deploy: (l1, contractRules) => deployRollup(l1, { ...contractRules, fraudProof: rules, requireFinalRoot: features.withdrawalsWaitForFinality }),
    });
    await attachFraudProofs(world, session, rules);
    return session;
  },
});
