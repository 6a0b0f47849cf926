import { account, nameOf, type Account, type Address } from '../../crypto/accounts.ts';
import type { Actor, Role } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { ForcedTransaction } from '../../l1/contracts/delayed-inbox.ts';
import type { WithdrawalLeaf, WithdrawalProof } from '../../l1/contracts/rollup-state.ts';
import type { MinedBlock, TxId } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import type { RollupContracts } from './contracts.ts';
import type { Derivation, DerivationRules } from './derivation.ts';
import { Proposer } from './proposer.ts';
import type { Sequencer, SubmitResult } from './sequencer.ts';
import { signTx, type SignedTx, type TxBody } from './transaction.ts';

/** What every rollup party shares: the contracts, the honest node, the sequencer's endpoint and the rules. */
export interface RollupEnvironment {
  readonly contracts: RollupContracts;
  readonly derivation: Derivation;
  readonly sequencer: Sequencer;
  readonly chainId: number;
  readonly challengeWindowBlocks: number;
  /** How long a user waits on the sequencer (or on a proposer) before doing it itself through L1. */
  readonly patienceBlocks: number;
  /** Whether a user may post a root itself; false where only the operator may (a zk rollup's prover). @defaultValue true */
  readonly usersProposeRoots?: boolean;
}

/** A transaction before the user stamps its address and nonce on it. */
export type TxDraft =
  | { readonly kind: 'transfer'; readonly to: Address; readonly amountWei: bigint; readonly memo: Uint8Array; readonly nonce?: number }
  | { readonly kind: 'withdraw'; readonly to: Address; readonly amountWei: bigint; readonly nonce?: number };

interface Submission {
  readonly tx: SignedTx;
  readonly at: number;
}

/**
 * A rollup user. Day to day it goes through the sequencer; when the sequencer ignores it
 * it falls back to L1: its transaction goes into the delayed inbox, it forces it in once
 * the delay has passed, proposes the state root itself if no one else does, and takes its
 * withdrawals out with Merkle proofs against final roots — the rollup's promise that L1
 * alone is enough. It acts from its own records, L1 and its own derivation, never from
 * what the operator says.
 */
export class RollupUser implements Actor {
  readonly account: Account;
  readonly proposer: Proposer;
  private ignored: Submission[] = [];
  private forceInFlight: TxId | undefined;
  private finalizing = new Map<number, TxId>();
  private uncoveredSince = new Map<number, number>();
  private scheduled = new Set<number>();
  /**
   * Blocks this user lets pass before doing something anyone may do (force inclusion, a
   * proposal), so that a crowd of users who all wait for the same window does not send
   * the same transaction in the same block. Derived from the address: deterministic.
   */
  private readonly reactionBlocks: number;

  constructor(
    readonly name: string,
    readonly role: Role,
    protected readonly env: RollupEnvironment,
  ) {
    this.account = account(name);
    this.reactionBlocks = Number.parseInt(this.account.address.slice(2, 4), 16) % 8;
    this.proposer = new Proposer(name, role, env.contracts, env.derivation);
  }

  get address(): Address {
    return this.account.address;
  }

  /** The node this party reads the canonical chain from: the shared honest one, or its own (`enlistWithOwnNode`). */
  get node(): Derivation {
    return this.env.derivation;
  }

  /** The protocol rules this party's derivation enforces. */
  get rules(): DerivationRules {
    return this.env.derivation.rules;
  }

  /** Balance in the canonical chain (derived from L1). */
  canonicalBalance(): bigint {
    this.env.derivation.sync();
    return this.env.derivation.state.account(this.address).balanceWei;
  }

  async deposit(world: World, amountWei: bigint): Promise<TxId> {
    const id = await this.env.contracts.bridge.deposit({ from: this.address, value: amountWei }, this.address);
    await world.step('action', this.name, `deposits ${formatEth(amountWei)} into the rollup bridge`, { amountWei });
    return id;
  }

  /** Signs and hands a transaction to the sequencer; an ignored one falls back to L1 after the patience window. */
  async send(world: World, body: TxDraft): Promise<{ tx: SignedTx; result: SubmitResult }> {
    const full = { ...body, from: this.address, nonce: body.nonce ?? this.env.sequencer.nonceOf(this.address) } as TxBody;
    const tx = signTx(full, this.account, this.env.chainId, world.config.signatures);
    const result = await this.env.sequencer.submit(world, tx);
    if (result.status === 'ignored') {
      this.ignored.push({ tx, at: world.height });
      this.wake(world, world.height + this.env.patienceBlocks);
    }
    return { tx, result };
  }

  pay(world: World, to: Address, amountWei: bigint, memo = new Uint8Array(0)) {
    return this.send(world, { kind: 'transfer', to, amountWei, memo });
  }

  withdraw(world: World, amountWei: bigint) {
    return this.send(world, { kind: 'withdraw', to: this.address, amountWei });
  }

  /** Puts a transaction straight into the delayed inbox on L1: no sequencer needed, only the delay. */
  async sendForced(world: World, forced: ForcedTransaction): Promise<TxId> {
    const id = await this.env.contracts.delayedInbox.sendTransaction({ from: this.address }, forced);
    await world.step('action', this.name, `sends a forced ${forced.action} of ${forced.all ? 'its whole balance' : formatEth(forced.amountWei)} to ${nameOf(forced.to)} through the delayed inbox`, { forced });
    return id;
  }

  /** The exit without the operator: burn the whole L2 balance through the delayed inbox, then follow it to L1. */
  exitAll(world: World): Promise<TxId> {
    return this.sendForced(world, { action: 'withdraw', to: this.address, amountWei: 0n, all: true });
  }

  async onBlock(world: World, _block: MinedBlock): Promise<void> {
    await this.poll(world);
  }

  /** Everything the user does on its own, in order; then it sets a timer for the next thing it waits for. */
  async poll(world: World): Promise<void> {
    if (!world.isOnline(this.name)) return;
    this.env.derivation.sync();
    const wakes: number[] = [];
    await this.fallBackToL1(world, wakes);
    await this.forceOwnMessages(world, wakes);
    await this.takeWithdrawals(world, wakes);
    const next = Math.min(...wakes.filter((h) => h > world.height));
    if (Number.isFinite(next)) this.wake(world, next);
  }

  /** Withdrawals burned on L2 to this user and not yet paid on L1, per the canonical chain. */
  async unpaidWithdrawals(): Promise<WithdrawalLeaf[]> {
    const mine = this.env.derivation.state.withdrawals.filter((w) => w.to === this.address);
    const unpaid: WithdrawalLeaf[] = [];
    for (const w of mine) if (!(await this.env.contracts.bridge.isPaid(w.index))) unpaid.push(w);
    return unpaid;
  }

  private async fallBackToL1(world: World, wakes: number[]): Promise<void> {
    const due = this.ignored.filter((s) => world.height >= s.at + this.env.patienceBlocks);
    this.ignored = this.ignored.filter((s) => world.height < s.at + this.env.patienceBlocks);
    for (const s of this.ignored) wakes.push(s.at + this.env.patienceBlocks);
    for (const { tx } of due) {
      const b = tx.body;
      world.record('action', this.name, `the sequencer ignored ${tx.hash.slice(0, 10)} for ${this.env.patienceBlocks} blocks: falling back to L1`);
      await this.sendForced(world, { action: b.kind, to: b.to, amountWei: b.amountWei, all: false });
    }
  }

  /** Once its own delayed message is past the delay bound, forces in everything up to the newest forceable one. */
  private async forceOwnMessages(world: World, wakes: number[]): Promise<void> {
    const { inbox } = this.env.contracts;
    if (!(await inbox.forceInclusionEnabled())) return;
    if (this.forceInFlight && world.l1.receipt(this.forceInFlight).status === 'pending') return;
    const read = await inbox.totalDelayedRead();
    const known = this.env.derivation.delayed;
    const mine = known.filter((m) => m.index >= read && m.sender === this.address);
    if (mine.length === 0) return;
    let upTo = -1;
    for (const m of known.slice(read)) {
      const opensAfter = m.block + (await inbox.forceInclusionDelay(m.block)) + this.reactionBlocks;
      if (world.height + 1 > opensAfter) upTo = m.index;
      else if (m.sender === this.address) wakes.push(opensAfter);
    }
    if (upTo < mine[0]!.index) return;
    this.forceInFlight = await inbox.forceInclusion({ from: this.address }, upTo + 1);
    await world.step('action', this.name, `forces delayed messages up to #${upTo} into the chain (past the delay bound)`, { upTo });
  }

  /**
   * Proves each unpaid withdrawal against the newest final root that holds it (by this
   * user's own derivation); waits for a pending root's window; proposes a root itself if
   * none covers a withdrawal after the patience window.
   */
  private async takeWithdrawals(world: World, wakes: number[]): Promise<void> {
    const unpaid = (await this.unpaidWithdrawals()).filter((w) => !this.pendingFinalization(world, w.index));
    if (unpaid.length === 0) return;
    const { commitments } = this.env.contracts;
    const count = await commitments.count();
    // A transaction sent now executes in the next block: that is the height finality is judged at.
    const final = await commitments.latestFinalAt(world.height + 1);
    const uncovered: WithdrawalLeaf[] = [];
    for (const w of unpaid) {
      const proven = await this.newestHolding(w, final, 1);
      if (proven !== undefined) {
        await this.finalize(world, proven, w);
        continue;
      }
      // A pending root that lost a dispute (its proposer gone, its clock run out) will never be final: the withdrawal is uncovered again.
      const pending = await this.newestHolding(w, count - 1, final + 1, world.height + 1);
      if (pending === undefined) uncovered.push(w);
      else wakes.push((await commitments.commitment(pending))!.postedBlock + this.env.challengeWindowBlocks);
    }
    if (uncovered.length > 0) await this.proposeIfNobodyDoes(world, uncovered, wakes);
  }

  /** The newest commitment in [lowest, highest] whose root this user's derivation confirms and which holds `w`. */
  private async newestHolding(w: WithdrawalLeaf, highest: number, lowest: number, aliveAt?: number): Promise<number | undefined> {
    for (let i = highest; i >= lowest; i--) {
      if (aliveAt !== undefined && (await this.env.contracts.commitments.isRejectedAt(i, aliveAt))) continue;
      if (await this.provable(i, w)) return i;
    }
    return undefined;
  }

  private async proposeIfNobodyDoes(world: World, uncovered: readonly WithdrawalLeaf[], wakes: number[]): Promise<void> {
    // Where L1 takes roots from the operator only, a proposal of its own is refused every time;
    // its way out is the forced request and what L1 does when that is ignored (a zk rollup's freeze).
    if (this.env.usersProposeRoots === false) return;
    const since = Math.min(...uncovered.map((w) => this.firstSeen(w.index, world.height))) + this.reactionBlocks;
    if (world.height < since + this.env.patienceBlocks) {
      wakes.push(since + this.env.patienceBlocks);
      return;
    }
    const outcome = await this.proposer.propose(world);
    // Sent: its window ends then. Nothing this user can propose (its node cannot derive that far): look again later.
    if (outcome === 'sent') wakes.push(world.height + 1 + this.env.challengeWindowBlocks);
    else if (outcome === 'nothing') wakes.push(world.height + this.env.patienceBlocks);
  }

  private firstSeen(index: number, now: number): number {
    if (!this.uncoveredSince.has(index)) this.uncoveredSince.set(index, now);
    return this.uncoveredSince.get(index)!;
  }

  /** Whether commitment `index` holds withdrawal `w` by this user's own derivation. */
  private async provable(index: number, w: WithdrawalLeaf): Promise<boolean> {
    const c = (await this.env.contracts.commitments.commitment(index))!;
    const roots = this.env.derivation.rootsAfter(c.batchCount);
    return roots !== undefined && roots.stateRoot === c.stateRoot && w.index < roots.withdrawalCount;
  }

  private async finalize(world: World, commitmentIndex: number, w: WithdrawalLeaf): Promise<void> {
    const c = (await this.env.contracts.commitments.commitment(commitmentIndex))!;
    const roots = this.env.derivation.rootsAfter(c.batchCount)!;
    const proof: WithdrawalProof = {
      accountsRoot: roots.accountsRoot,
      accountCount: roots.accountCount,
      withdrawalCount: roots.withdrawalCount,
      siblings: this.env.derivation.state.withdrawalProof(w.index, roots.withdrawalCount),
    };
    this.finalizing.set(w.index, await this.env.contracts.bridge.finalizeWithdrawal({ from: this.address }, commitmentIndex, w, proof));
    await world.step('action', this.name, `proves withdrawal #${w.index} (${formatEth(w.amountWei)}) against final root ${commitmentIndex} and claims it on L1`, { index: w.index });
  }

  private pendingFinalization(world: World, index: number): boolean {
    const id = this.finalizing.get(index);
    if (id === undefined) return false;
    const r = world.l1.receipt(id);
    // A refused claim (a forged root drained the bridge or took the slot) is retried after the patience window, not every block.
    return r.status === 'pending' || (r.status === 'reverted' && world.height < (r.block ?? 0) + this.env.patienceBlocks);
  }

  protected wake(world: World, height: number): void {
    if (this.scheduled.has(height) || height <= world.height) return;
    this.scheduled.add(height);
    world.at(height, `${this.name} checks on its L1 business`, async () => {
      this.scheduled.delete(height);
      await this.poll(world);
    });
  }
}
