import { account, type Address } from '../../crypto/accounts.ts';
import { rollupBridge, type RollupBridgeFacade } from '../../l1/contracts/bridge.ts';
import type { DelayBufferConfig } from '../../l1/contracts/delay-buffer.ts';
import { delayedInbox, type DelayedInboxFacade } from '../../l1/contracts/delayed-inbox.ts';
import { rollupInbox, type RollupInboxFacade } from '../../l1/contracts/rollup-inbox.ts';
import { stateCommitments, type FraudProofRules, type StateCommitmentsFacade } from '../../l1/contracts/state-commitments.ts';
import type { Deployed, L1 } from '../../l1/L1.ts';
import { rememberingCommitments } from './commitment-memo.ts';
import { L2State } from './state.ts';

/** The rollup's four L1 contracts, as protocol code reaches them: through facades only. */
export interface RollupContracts {
  readonly inbox: Deployed<RollupInboxFacade>;
  readonly delayedInbox: Deployed<DelayedInboxFacade>;
  readonly bridge: Deployed<RollupBridgeFacade>;
  readonly commitments: Deployed<StateCommitmentsFacade>;
}

export interface ContractRules {
  readonly sequencer: Address;
  readonly forceInclusionDelayBlocks: number;
  readonly delayBuffer: DelayBufferConfig | null;
  readonly forcedInclusion: boolean;
  readonly requireBatchData: boolean;
  readonly challengeWindowBlocks: number;
  /** The optimistic finality rule (challenges, bisection, bonds); absent: the placeholder window. */
  readonly fraudProof?: FraudProofRules;
  /** The bridge pays withdrawals only against final roots (twin `instant-withdrawal` turns this off). @defaultValue true */
  readonly requireFinalRoot?: boolean;
  /** A validium's data committee, whose certificates let bare-hash batches into the inbox. @defaultValue none */
  readonly dataCommittee?: Address;
}

export const DEPLOYER = 'rollup-deployer';

/**
 * Deploys and wires the contracts: delayed inbox, sequencer inbox, state commitments,
 * bridge — then the delayed inbox learns its bridge in one initialization transaction,
 * mined before anyone can deposit.
 */
export async function deployRollup(l1: L1, rules: ContractRules): Promise<{ contracts: RollupContracts; initialization: string }> {
  const deployer = account(DEPLOYER).address;
  const delayed = await l1.deploy(delayedInbox, { deployer });
  const inbox = await l1.deploy(rollupInbox, {
    sequencer: rules.sequencer,
    delayedInbox: delayed.address,
    forceInclusionDelayBlocks: rules.forceInclusionDelayBlocks,
    delayBuffer: rules.delayBuffer,
    forcedInclusion: rules.forcedInclusion,
    requireBatchData: rules.requireBatchData,
  });
  const commitments = rememberingCommitments(l1, await l1.deploy(stateCommitments, {
    rollupInbox: inbox.address,
    genesisRoot: new L2State().stateRoot(),
    challengeWindowBlocks: rules.challengeWindowBlocks,
    finality: rules.fraudProof ? 'fraud-proof' : 'placeholder-window',
    fraudProof: rules.fraudProof,
  }), rules.challengeWindowBlocks);
  const bridge = await l1.deploy(rollupBridge, { delayedInbox: delayed.address, commitments: commitments.address, requireFinalRoot: rules.requireFinalRoot ?? true });
  const initialization = await delayed.initialize({ from: deployer }, bridge.address);
  return { contracts: { inbox, delayedInbox: delayed, bridge, commitments }, initialization };
}
