import { account } from '../../crypto/accounts.ts';
import { delayedInbox } from '../../l1/contracts/delayed-inbox.ts';
import { escapeHatchBridge, type EscapeHatchFacade } from '../../l1/contracts/escape-hatch.ts';
import { rollupInbox } from '../../l1/contracts/rollup-inbox.ts';
import type { StateCommitmentsFacade } from '../../l1/contracts/state-commitments.ts';
import { zkVerifier, type ZkVerifierFacade } from '../../l1/contracts/zk-verifier.ts';
import type { Deployed, L1 } from '../../l1/L1.ts';
import { DEPLOYER, type ContractRules, type RollupContracts } from '../rollup/contracts.ts';
import { L2State } from '../rollup/state.ts';
import type { Constraints } from './circuit.ts';

/** The rollup contracts, with the verifier in the state commitments' place and the escape-hatch bridge in the bridge's. */
export interface ZkContracts extends RollupContracts {
  readonly verifier: Deployed<ZkVerifierFacade>;
  readonly escapeHatch: Deployed<EscapeHatchFacade>;
}

export interface ZkRules {
  readonly prover: string;
  readonly chainId: number;
  readonly constraints: Constraints;
  readonly freezeDeadlineBlocks: number | null;
  readonly escapeHatch: boolean;
}

/**
 * Deploys the zk rollup: delayed inbox, sequencer inbox, verifier, escape-hatch bridge.
 * No forced inclusion: as on StarkEx, a forced request is the operator's to serve before
 * the deadline, and the freeze is what enforces it.
 */
export async function deployZk(l1: L1, rules: ContractRules, zk: ZkRules): Promise<{ contracts: ZkContracts }> {
  const deployer = account(DEPLOYER).address;
  const delayed = await l1.deploy(delayedInbox, { deployer });
  const inbox = await l1.deploy(rollupInbox, {
    sequencer: rules.sequencer,
    delayedInbox: delayed.address,
    forceInclusionDelayBlocks: rules.forceInclusionDelayBlocks,
    delayBuffer: rules.delayBuffer,
    forcedInclusion: false,
    requireBatchData: rules.requireBatchData,
    ...(rules.dataCommittee ? { dataCommittee: rules.dataCommittee } : {}),
  });
  const verifier = await l1.deploy(zkVerifier, {
    rollupInbox: inbox.address,
    delayedInbox: delayed.address,
    prover: account(zk.prover).address,
    chainId: zk.chainId,
    genesis: new L2State().roots(),
    constraints: zk.constraints,
    freezeDeadlineBlocks: zk.freezeDeadlineBlocks,
  });
  const bridge = await l1.deploy(escapeHatchBridge, { delayedInbox: delayed.address, verifier: verifier.address, escapeHatch: zk.escapeHatch });
  await delayed.initialize({ from: deployer }, bridge.address);
  // Rollup users and the bridge only read roots (count, commitment, finality) and the
  // verifier has those views; there is no dispute game on a validity-proven rollup.
  const commitments = verifier as unknown as Deployed<StateCommitmentsFacade>;
  return { contracts: { inbox, delayedInbox: delayed, bridge, commitments, verifier, escapeHatch: bridge } };
}
