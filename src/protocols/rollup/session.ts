import { account, nameOf } from '../../crypto/accounts.ts';
import type { AcceptedPaymentSubject } from '../../invariants/accepted-payment-final.ts';
import type { ConservationSubject } from '../../invariants/conservation.ts';
import type { DataAvailabilitySubject } from '../../invariants/data-availability.ts';
import type { ForcedInclusionSubject } from '../../invariants/forced-inclusion-bound.ts';
import type { RecoverabilitySubject } from '../../invariants/l1-recoverability.ts';
import type { Actor, Role } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import { eth } from '../../l1/units.ts';
import type { ProtocolInstance } from '../define.ts';
import { deployRollup, type ContractRules, type RollupContracts } from './contracts.ts';
import { delayedToMessage, Derivation } from './derivation.ts';
import type { RollupFeatures } from './features.ts';
import { performRollupMove, rollupDeadlines } from './fuzz.ts';
import { Merchant } from './merchant.ts';
import type { RollupParams } from './params.ts';
import { OperatorProposer, Proposer } from './proposer.ts';
import { Sequencer, type BatchPublisher } from './sequencer.ts';
import type { BatchDataSource } from './data-availability.ts';
import type { L2State } from './state.ts';
import { RecoveryLedger } from './recovery-ledger.ts';
import { RollupUser, type RollupEnvironment } from './user.ts';
import { BlobArchive } from './blob-archive.ts';

/**
 * How a rollup protocol differs in its L1 contracts and in how its roots reach L1 (the zk
 * rollup deploys a verifier and an escape-hatch bridge and runs a prover instead of the
 * optimistic proposer). Absent: the optimistic contracts and proposer.
 */
export interface RollupShape {
  deploy?(l1: World['l1'], rules: ContractRules): Promise<{ contracts: RollupContracts }>;
  operator?(env: RollupEnvironment): Actor;
  /** Only the operator may post roots (a zk rollup's prover): users never propose one. @defaultValue false */
  readonly operatorOnlyRoots?: boolean;
  /** Off-L1 holders of batch data the honest verifier node may ask (a validium's committee members). @defaultValue none */
  readonly dataSources?: readonly BatchDataSource[];
  /** Where the sequencer publishes batch data off L1 when it can. @defaultValue none: always L1 */
  readonly publisher?: BatchPublisher;
}

/** L1 ether every party starts with. */
const L1_FUNDS = eth(100);

/**
 * One run of a rollup: its L1 contracts, the honest verifier node (derivation), the
 * operator (sequencer and proposer), honest users, a merchant, and any attackers an attack
 * spawns. It is the protocol instance the kernel drives and the handle rollup attacks and
 * capabilities use.
 */
export class RollupSession implements ProtocolInstance {
  readonly subjects: ProtocolInstance['subjects'];
  readonly users: RollupUser[] = [];
  private attackers: RollupUser[] = [];
  private readonly recovery = new RecoveryLedger();
  /**
   * How long a dispute over a root still undecided when recovery starts can hold it before
   * it is settled either way (a user whose root then dies proposes again and waits a
   * window). Set by the fraud-proof game (optimistic); none where roots are never disputed.
   */
  disputeAllowance: (world: World) => Promise<number> = async () => 0;
  /** The preset's blob archivers, when batches go to blobs and the variant has them. */
  archives: readonly BlobArchive[] = [];
  /** Where a user's own node looks for batch data L1 no longer serves: the protocol's off-L1 sources, then the archives. */
  private offL1Sources: readonly BatchDataSource[] = [];

  private constructor(
    readonly params: RollupParams,
    readonly features: RollupFeatures,
    readonly env: RollupEnvironment,
    readonly merchant: Merchant,
  ) {
    this.subjects = {
      conservation: this.conservation(),
      'l1-recoverability': this.recoverability(),
      'forced-inclusion-bound': this.forcedInclusion(),
      'accepted-payment-final': this.acceptedPayments(),
      'data-availability': this.dataAvailability(),
    };
  }

  static async create(world: World, params: RollupParams, features: RollupFeatures, shape: RollupShape = {}): Promise<RollupSession> {
    const sequencerAddress = account('sequencer').address;
    const rules = {
      chainId: params.l2ChainId,
      delayBlocks: params.forceInclusionDelayBlocks,
      futureBlocks: params.futureBlocks,
      delaySeconds: params.forceInclusionDelaySeconds,
      futureSeconds: params.futureSeconds,
      maxDecompressedBytes: params.maxDecompressedBytes,
    };
    const { contracts } = await (shape.deploy ?? deployRollup)(world.l1, {
      sequencer: sequencerAddress,
      forceInclusionDelayBlocks: params.forceInclusionDelayBlocks,
      delayBuffer: params.delayBuffer,
      forcedInclusion: features.forcedInclusion,
      requireBatchData: features.requireBatchData,
      challengeWindowBlocks: params.challengeWindowBlocks,
    });
    await world.settle();
    const derivation = new Derivation(world.l1, contracts, rules, shape.dataSources);
    const sequencer = new Sequencer('sequencer', contracts, derivation, {
      policy: { checksBatchBounds: features.sequencerChecksBatchBounds, checksDecompressedSize: features.sequencerChecksDecompressedSize },
      compression: params.compression,
      dataAvailability: params.dataAvailability,
      batchIntervalBlocks: params.batchIntervalBlocks,
      postingMarginBlocks: params.postingMarginBlocks,
      publisher: shape.publisher,
    });
    world.addActor(sequencer);
    const env: RollupEnvironment = {
      contracts,
      derivation,
      sequencer,
      chainId: params.l2ChainId,
      challengeWindowBlocks: params.challengeWindowBlocks,
      patienceBlocks: params.userPatienceBlocks,
      usersProposeRoots: !shape.operatorOnlyRoots,
    };
    const proposer = () => new OperatorProposer('proposer', new Proposer('proposer', 'operator', contracts, derivation, () => sequencer.claimedRoots), params.proposalIntervalBlocks);
    world.addActor(shape.operator?.(env) ?? proposer());
    const archives = blobArchivesFor(world.l1, params, features, contracts);
    for (const archive of archives) world.addActor(archive);
    const merchant = new Merchant('merchant', env, features.merchantPolicy);
    const session = new RollupSession(params, features, env, merchant);
    session.archives = archives;
    session.offL1Sources = [...(shape.dataSources ?? []), ...archives];
    await session.enlist(world, merchant);
    for (const name of params.users) await session.enlist(world, new RollupUser(name, 'honest', env));
    return session;
  }

  get contracts(): RollupContracts {
    return this.env.contracts;
  }

  get derivation(): Derivation {
    return this.env.derivation;
  }

  get sequencer(): Sequencer {
    return this.env.sequencer;
  }

  /** Parties whose funds the checkers protect: the users and the merchant. */
  get honest(): RollupUser[] {
    return [...this.users, this.merchant];
  }

  party(name: string): RollupUser {
    const found = [...this.honest, ...this.attackers].find((p) => p.name === name);
    if (!found) throw new Error(`no rollup party named ${name}`);
    return found;
  }

  /**
   * Adds an honest user who runs its own node rather than relying on the always-synced one:
   * its derivation reads L1 only while the user is online, and asks the off-L1 sources
   * (archives, a committee) for what L1 no longer serves. A user who was away past the blob
   * retention window finds out here whether anyone kept the data.
   */
  async enlistWithOwnNode(world: World, name: string): Promise<RollupUser> {
    const node = new Derivation(world.l1, this.contracts, this.derivation.rules, this.offL1Sources);
    const user = new RollupUser(name, 'honest', { ...this.env, derivation: node });
    await this.enlist(world, user);
    return user;
  }

  /** Adds an attacker with L1 funds (attacks use one per mode so each loss names its mode). */
  async spawn(world: World, name: string, role: Role = 'adversary'): Promise<RollupUser> {
    const party = new RollupUser(name, role, this.env);
    this.attackers.push(party);
    await world.l1.fund(party.address, L1_FUNDS);
    world.addActor(party);
    return party;
  }

  /** Deposits for `party` and waits until the deposit is credited in the canonical chain. */
  async fund(world: World, party: RollupUser, amountWei: bigint): Promise<void> {
    const before = party.canonicalBalance();
    await party.deposit(world, amountWei);
    const deadline = world.height + world.l1.finalityDepth + 4 * this.params.batchIntervalBlocks + 64;
    while (party.canonicalBalance() < before + amountWei && world.height < deadline) await world.advance(1);
  }

  /** An ordinary session: deposits, payments among users and to the merchant, one withdrawal. */
  async workload(world: World): Promise<void> {
    for (const user of this.users) await user.deposit(world, eth(world.rng.int(5, 20)));
    await world.settle();
    await world.advance(world.l1.finalityDepth + this.params.batchIntervalBlocks + 2);
    const n = this.users.length;
    for (let i = 0; i < n; i++) await this.users[i]!.pay(world, this.users[(i + 1) % n]!.address, eth(world.rng.int(1, 3)));
    await this.users[n - 1]!.pay(world, this.merchant.address, eth(2));
    await this.users[1]!.withdraw(world, eth(1));
    await world.advance(this.params.batchIntervalBlocks + 2);
  }

  perform(world: World, move: string, args: unknown): Promise<void> {
    return performRollupMove(this, world, move, args);
  }

  deadlines(world: World): Promise<number[]> {
    return rollupDeadlines(this, world);
  }

  /**
   * The operator is gone. Every honest party runs the exit through L1 alone: a forced
   * "withdraw everything" in the delayed inbox, force inclusion after the delay, a state
   * root it proposes itself, the challenge window, and a Merkle proof to the bridge.
   */
  async recover(world: World): Promise<void> {
    this.derivation.sync();
    const projected = this.projectedChain();
    for (const party of this.honest) {
      await this.recovery.open(world, party, await this.entitlement(party, projected));
    }
    for (const party of this.honest) {
      if (projected.state.account(party.address).balanceWei > 0n) await party.exitAll(world);
    }
    const p = this.params;
    const disputes = await this.disputeAllowance(world);
    await world.advance(p.forceInclusionDelayBlocks + 2 * p.userPatienceBlocks + p.challengeWindowBlocks + disputes + 2 * world.l1.finalityDepth + 16);
    await world.settle();
  }

  /**
   * The honest view of the chain once the operator is gone: the canonical state with every
   * message already queued in the delayed inbox applied in order — they will be forced in,
   * ahead of the exits, whatever anyone does.
   */
  private projectedChain(): { state: L2State; canonicalWithdrawals: number } {
    const state = this.derivation.state.clone();
    const canonicalWithdrawals = state.withdrawals.length;
    for (const m of this.derivation.delayed.slice(this.derivation.delayedRead)) state.apply(delayedToMessage(m));
    return { state, canonicalWithdrawals };
  }

  /** What `party` owns by that view: its L2 balance, and its withdrawals not yet paid on L1 — by the honest node, not the party's own (which may be behind). */
  private async entitlement(party: RollupUser, projected: { state: L2State; canonicalWithdrawals: number }): Promise<bigint> {
    let unpaid = 0n;
    for (const w of this.derivation.state.withdrawals) if (w.to === party.address && !(await this.contracts.bridge.isPaid(w.index))) unpaid += w.amountWei;
    const queued = projected.state.withdrawals.slice(projected.canonicalWithdrawals).filter((w) => w.to === party.address);
    return projected.state.account(party.address).balanceWei + unpaid + queued.reduce((sum, w) => sum + w.amountWei, 0n);
  }

  private async enlist(world: World, party: RollupUser): Promise<void> {
    if (party !== this.merchant) this.users.push(party);
    await world.l1.fund(party.address, L1_FUNDS);
    world.addActor(party);
  }

  private conservation(): ConservationSubject {
    return {
      ledger: async (world) => {
        this.derivation.sync();
        const s = this.derivation.state;
        const unpaid = s.withdrawnWei - (await this.contracts.bridge.paidWei());
        return { escrowWei: await world.l1.balanceOf(this.contracts.bridge.address), owedWei: s.supplyWei + this.derivation.pendingDepositsWei() + unpaid };
      },
    };
  }

  private recoverability(): RecoverabilitySubject {
    return this.recovery.subject(() => this.honest, (party) => nodeStall(party.node));
  }

  private forcedInclusion(): ForcedInclusionSubject {
    return {
      forcedMessages: async () => {
        this.derivation.sync();
        return this.derivation.delayed.map((m) => ({
          index: m.index,
          sender: nameOf(m.sender),
          sentAtBlock: m.block,
          includedAtBlock: this.derivation.delayedInclusion(m.index)?.l1Block,
        }));
      },
      // The delay, a patience window for someone to call forceInclusion, and the L1 censorship the adversary may add.
      boundBlocks: (world) => this.params.forceInclusionDelayBlocks + this.params.userPatienceBlocks + world.budget.censorBlocks + world.l1.finalityDepth,
    };
  }

  private acceptedPayments(): AcceptedPaymentSubject {
    return {
      accepted: async () => this.merchant.accepted.map((p) => ({ merchant: this.merchant.name, hash: p.hash, from: p.from, amountWei: p.amountWei, policy: p.policy })),
      inCanonicalChain: async (_world, hash) => {
        this.derivation.sync();
        return this.derivation.tx(hash)?.status === 'ok';
      },
    };
  }

  private dataAvailability(): DataAvailabilitySubject {
    return {
      finalizedBatchCount: async (world) => {
        const { commitments } = this.contracts;
        return (await commitments.commitment(await commitments.latestFinalAt(world.height)))!.batchCount;
      },
      firstUnavailableBatch: async () => {
        this.derivation.sync();
        const seq = this.derivation.stalledAt;
        return seq === undefined ? undefined : { sequenceNumber: seq, l1Block: this.derivation.batches[seq]!.record.block };
      },
    };
  }
}

/** Why a party's node cannot show it the state its exit is proven from, if it cannot. */
function nodeStall(node: Derivation): string | undefined {
  const at = node.stalledAt;
  if (at === undefined) return undefined;
  const batch = node.batches[at]!;
  return `its node cannot rebuild the L2 state past batch #${at} (L1 block ${batch.record.block}): ${batch.reason}`;
}

/** The archives a run has: none when batch data is calldata (L1 keeps it forever) or the variant has nobody keep blobs. */
function blobArchivesFor(l1: World['l1'], params: RollupParams, features: RollupFeatures, contracts: RollupContracts): BlobArchive[] {
  if (params.dataAvailability !== 'blobs' || features.blobArchive === 'none') return [];
  const n = params.blobArchivers;
  return Array.from({ length: n }, (_, i) => new BlobArchive(n === 1 ? 'blob-archive' : `blob-archive-${i + 1}`, l1, contracts.inbox));
}

/** The rollup session behind a protocol instance, for rollup attacks and capabilities. */
export function rollupOf(instance: ProtocolInstance): RollupSession {
  if (!(instance instanceof RollupSession)) throw new Error('this attack needs a rollup protocol instance');
  return instance;
}

/** The world's rollup sequencer while it is still running (captured by the adversary), if any. */
export function sequencerIn(world: World): Sequencer | undefined {
  return world.actorsWith('operator').find((a): a is Sequencer => a instanceof Sequencer);
}

/** A rollup party by name among the world's adversary-controlled actors (attackers spawned by an attack). */
export function attackerIn(world: World, name: string): RollupUser | undefined {
  return world.actorsWith('adversary').find((a): a is RollupUser => a instanceof RollupUser && a.name === name);
}
