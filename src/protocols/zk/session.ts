import type { Hex } from '../../crypto/keccak.ts';
import type { ConservationSubject } from '../../invariants/conservation.ts';
import type { RecoverabilitySubject } from '../../invariants/l1-recoverability.ts';
import type { ValidStateSubject } from '../../invariants/valid-state-only.ts';
import type { World } from '../../kernel/world.ts';
import type { ProtocolInstance } from '../define.ts';
import { SECURE_ROLLUP } from '../rollup/features.ts';
import { RollupSession } from '../rollup/session.ts';
import { L2State } from '../rollup/state.ts';
import type { RollupUser } from '../rollup/user.ts';
import { deployZk, type ZkContracts } from './contracts.ts';
import { EscapeClient } from './escape-client.ts';
import type { ZkParams } from './params.ts';
import { ZkProver } from './prover.ts';
import type { ZkFeatures } from './variants.ts';
import { RecoveryLedger } from '../rollup/recovery-ledger.ts';
import { messageOf } from './witness.ts';
import { forcedRequestDeadlines } from './fuzz.ts';
import type { Address } from '../../crypto/accounts.ts';
import type { L1 } from '../../l1/L1.ts';
import type { BatchDataSource } from '../rollup/data-availability.ts';
import { Derivation } from '../rollup/derivation.ts';
import type { BatchPublisher } from '../rollup/sequencer.ts';

/**
 * What a validium adds to the zk rollup: a data committee on L1 whose certificates let
 * bare-hash batches in, the members the honest node asks for data L1 does not hold, and
 * the operator's own copy its prover works from.
 */
export interface ZkDataCommittee {
  deploy(l1: L1): Promise<Address>;
  readonly publisher: BatchPublisher;
  readonly sources: readonly BatchDataSource[];
  readonly operatorCopy: BatchDataSource;
}

/** How long a recovery waits when the preset enforces no deadline: a week, long past any honest operator's answer. */
const NO_DEADLINE_WAIT_BLOCKS = 50_400;

/**
 * One run of the zk rollup: the shared rollup machinery (inboxes, sequencer, derivation,
 * users, merchant) with the verifier in place of state commitments, a prover in place of
 * the proposer, the escape-hatch bridge, and an escape client per honest party. What users
 * are owed is read from the last *verified* root — batches posted but not proven are not
 * final on a zk rollup — replayed by an honest node from L1 data.
 */
export class ZkSession implements ProtocolInstance {
  readonly subjects: ProtocolInstance['subjects'];
  private replay = { state: new L2State(), batchCount: 0 };
  private readonly recovery = new RecoveryLedger();

  private constructor(
    readonly rollup: RollupSession,
    readonly contracts: ZkContracts,
    readonly prover: ZkProver,
    readonly params: ZkParams,
    readonly features: ZkFeatures,
    /** A validium's data committee; absent on a zk rollup, whose batch data is on L1. */
    readonly committee?: ZkDataCommittee,
  ) {
    this.subjects = {
      conservation: this.conservation(),
      'l1-recoverability': this.recoverability(),
      'valid-state-only': this.validState(),
      'accepted-payment-final': rollup.subjects['accepted-payment-final'],
      'data-availability': rollup.subjects['data-availability'],
    };
  }

  static async create(world: World, params: ZkParams, features: ZkFeatures, committee?: ZkDataCommittee): Promise<ZkSession> {
    let contracts: ZkContracts | undefined;
    let prover: ZkProver | undefined;
    const rollup = await RollupSession.create(world, params, SECURE_ROLLUP, {
      deploy: async (l1, rules) => {
        const dataCommittee = committee ? await committee.deploy(l1) : undefined;
        contracts = (
          await deployZk(l1, { ...rules, dataCommittee }, {
            prover: 'prover',
            chainId: params.l2ChainId,
            constraints: features.verifierConstraints,
            freezeDeadlineBlocks: params.forcedRequestDeadlineBlocks,
            escapeHatch: features.escapeHatch,
          })
        ).contracts;
        return { contracts };
      },
      // A validium's operator proves from its own copy of the data, which it may be withholding from everyone else.
      operator: (env) =>
        (prover = new ZkProver('prover', contracts!, committee ? new Derivation(world.l1, contracts!, env.derivation.rules, [committee.operatorCopy]) : env.derivation, params.l2ChainId, params.proofIntervalBlocks)),
      // Proving is the operator's alone: a user never proposes a root, it files a forced request.
      operatorOnlyRoots: true,
      dataSources: committee?.sources,
      publisher: committee?.publisher,
    });
    const session = new ZkSession(rollup, contracts!, prover!, params, features, committee);
    for (const party of rollup.honest) world.addActor(new EscapeClient(party, session));
    return session;
  }

  get honest(): RollupUser[] {
    return this.rollup.honest;
  }

  /** The ordinary rollup session, then time for the prover to prove its last batch. */
  async workload(world: World): Promise<void> {
    await this.rollup.workload(world);
    await world.advance(this.params.batchIntervalBlocks + this.params.proofIntervalBlocks + world.l1.finalityDepth + 4);
  }

  /** The rollup's honest fuzz moves: a zk rollup's users deposit, pay and withdraw as on any rollup. */
  perform(world: World, move: string, args: unknown): Promise<void> {
    return this.rollup.perform(world, move, args);
  }

  async deadlines(): Promise<number[]> {
    return forcedRequestDeadlines(this.rollup.derivation, await this.contracts.verifier.verifiedDelayedRead(), this.params.forcedRequestDeadlineBlocks);
  }

  /**
   * An honest node's replay of the verified batches: the L1 data of every inbox entry the
   * latest verified root covers, applied with the protocol's sound rule.
   */
  async verifiedState(): Promise<L2State> {
    const derivation = this.rollup.derivation;
    derivation.sync();
    const { verifier } = this.contracts;
    const covered = (await verifier.commitment((await verifier.count()) - 1))!.batchCount;
    if (covered < this.replay.batchCount) this.replay = { state: new L2State(), batchCount: 0 };
    if (covered > this.replay.batchCount && covered <= derivation.derivedBatchCount) {
      for (const item of derivation.appliedIn(this.replay.batchCount, covered)) this.replay.state.apply(messageOf(item, derivation.delayed, this.params.l2ChainId));
      this.replay.batchCount = covered;
    }
    return this.replay.state;
  }

  /**
   * The operator is gone. Each honest party with a verified balance files a forced
   * withdrawal request on L1; nobody serves it, so after the deadline its escape client
   * freezes the rollup and every party escapes against the last verified root.
   */
  async recover(world: World): Promise<void> {
    const state = await this.verifiedState();
    const frozen = await this.contracts.verifier.isFrozen();
    for (const party of this.honest) {
      await this.recovery.open(world, party, await this.entitlement(party, state));
    }
    // Anyone owed anything files the forced request: a deposit no verified batch credited is
    // reclaimable only once the rollup is frozen, and only an ignored request freezes it.
    for (const party of this.honest) {
      if (!frozen && this.recovery.entitlementOf(party.name) > 0n) await party.exitAll(world);
    }
    const p = this.params;
    await world.advance((p.forcedRequestDeadlineBlocks ?? NO_DEADLINE_WAIT_BLOCKS) + 2 * p.userPatienceBlocks + 2 * world.l1.finalityDepth + 16);
    await world.settle();
  }

  /** Its balance in the last verified root (unless it already escaped), its unpaid verified withdrawals, its deposits no verified batch credited. */
  private async entitlement(party: RollupUser, state: L2State): Promise<bigint> {
    const { escapeHatch } = this.contracts;
    let owed = (await escapeHatch.hasEscaped(party.address)) ? 0n : state.account(party.address).balanceWei;
    for (const w of state.withdrawals) if (w.to === party.address.toLowerCase() && !(await escapeHatch.isPaid(w.index))) owed += w.amountWei;
    for (const m of await this.pendingDeposits()) if (m.sender === party.address) owed += m.amountWei;
    return owed;
  }

  /** Deposits escrowed on L1 that no verified batch has credited and nobody reclaimed. */
  private async pendingDeposits() {
    const read = await this.contracts.verifier.verifiedDelayedRead();
    const pending = [];
    for (const m of this.rollup.derivation.delayed.slice(read)) if (m.kind === 'deposit' && !(await this.contracts.escapeHatch.isReclaimed(m.index))) pending.push(m);
    return pending;
  }

  /** Judged on the honest replay of verified batches: a root L1 accepted wrongly shows up as escrow short of what is owed. */
  private conservation(): ConservationSubject {
    return {
      ledger: async (world) => {
        const state = await this.verifiedState();
        const { escapeHatch } = this.contracts;
        let owed = state.supplyWei - (await escapeHatch.escapedWei());
        for (const w of state.withdrawals) if (!(await escapeHatch.isPaid(w.index))) owed += w.amountWei;
        for (const m of await this.pendingDeposits()) owed += m.amountWei;
        return { escrowWei: await world.l1.balanceOf(escapeHatch.address), owedWei: owed };
      },
    };
  }

  private recoverability(): RecoverabilitySubject {
    return this.recovery.subject(() => this.honest);
  }

  private validState(): ValidStateSubject {
    return {
      acceptedRoots: async () => {
        const { verifier } = this.contracts;
        const roots = [];
        for (let i = 1; i < (await verifier.count()); i++) roots.push((await verifier.commitment(i))!);
        return roots;
      },
      honestRoot: async (_world, batchCount): Promise<Hex | undefined> => {
        this.rollup.derivation.sync();
        return this.rollup.derivation.rootsAfter(batchCount)?.stateRoot;
      },
    };
  }
}

/** The zk session behind a protocol instance, for zk attacks. */
export function zkOf(instance: ProtocolInstance): ZkSession {
  if (!(instance instanceof ZkSession)) throw new Error('this attack needs a zk rollup protocol instance');
  return instance;
}
