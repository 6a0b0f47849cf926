import { nameOf } from '../crypto/accounts.ts';
import type { L1, MinedBlock } from '../l1/L1.ts';
import { formatEth } from '../l1/units.ts';
import type { Actor, Role } from './actor.ts';
import type { RunConfig } from './config.ts';
import type { Rng } from './rng.ts';
import { Scheduler } from './scheduler.ts';
import { Trace, type BalanceMark, type L2HeadMark, type L2HeadName, type TraceEvent, type WindowMark } from './trace.ts';
import type { Finding, InvariantName, Violation } from './violation.ts';

export type Phase = TraceEvent['phase'];

/** A checker bound to the protocol state it reads: the kernel never knows either's type. */
export interface CheckerBinding {
  readonly name: InvariantName;
  readonly kind: 'always' | 'eventually';
  readonly check: (world: World) => Promise<Finding[]>;
}

/** Limits within which the secure variants promise safety; capabilities refuse to exceed them. */
export interface AdversaryBudget {
  /** Deepest L1 reorg. @defaultValue the L1's finality depth */
  reorgDepthBlocks: number;
  /** Longest the adversary can keep one party's L1 transactions out. @defaultValue 7,200 (1 day) */
  censorBlocks: number;
  /** Longest a party can be kept offline. @defaultValue 50,400 (7 days) */
  offlineBlocks: number;
}

export function defaultBudget(finalityDepthBlocks: number): AdversaryBudget {
  return { reorgDepthBlocks: finalityDepthBlocks, censorBlocks: 7_200, offlineBlocks: 50_400 };
}

/**
 * One run: an L1, a protocol instance, actors, an adversary and checkers, in two phases.
 * Safety: workload and attack interleave, `always` checkers run after every step.
 * Recovery: the adversary stops, the operator is removed, honest users exit through L1
 * alone, then `eventually` checkers run. That second phase is the seeds' definition of a
 * Layer 2 turned into a procedure.
 */
export class World {
  readonly trace = new Trace();
  readonly scheduler = new Scheduler();
  readonly violations: Violation[] = [];
  readonly budget: AdversaryBudget;
  phase: Phase = 'setup';
  /**
   * The protocol instance under test, once set up: what a protocol-specific capability
   * (spawn an attacker, publish a stale state) acts on. Typed by the protocol that reads it.
   */
  instance: unknown;
  private actors: Actor[] = [];
  private offlineUntil = new Map<string, number>();
  private checkers: CheckerBinding[] = [];
  private fired = new Set<InvariantName>();

  constructor(
    readonly config: RunConfig,
    readonly l1: L1,
    readonly rng: Rng,
    budget: Partial<AdversaryBudget> = {},
  ) {
    this.budget = { ...defaultBudget(l1.finalityDepth), ...budget };
    l1.observe({
      sent: (id, tx) => this.record('tx', nameOf(tx.from), `${tx.method} → ${nameOf(tx.to)} (${id})`, { id, method: tx.method, args: tx.args, value: tx.value }),
      skipped: (from, to) => this.record('skip', 'l1', `skip empty blocks ${from + 1}…${to}`),
      reorged: (depth, returned) => this.record('reorg', 'l1', `reorg of depth ${depth}: ${returned.length} tx back to the mempool`, { depth, returned }),
    });
  }

  get height(): number {
    return this.l1.head().number;
  }

  bindCheckers(checkers: readonly CheckerBinding[]): void {
    this.checkers = [...checkers];
  }

  /** Appends to the trace without running checkers (for events that change no state). */
  record(kind: string, actor: string, summary: string, data?: unknown): TraceEvent {
    return this.trace.append({ l1: this.height, phase: this.phase, kind, actor, summary, data });
  }

  /** A protocol window (challenge, force inclusion, channel dispute) opens; the HTML report draws it as a span. */
  recordWindow(actor: string, mark: WindowMark): TraceEvent {
    return this.record('window', actor, `${mark.name} window: L1 ${mark.fromL1}…${mark.toL1}${mark.party ? ` (${mark.party})` : ''}`, mark);
  }

  /** A party's balance after a change; the HTML report plots these over time. */
  recordBalance(party: string, wei: bigint, ledger?: string): TraceEvent {
    const mark: BalanceMark = ledger === undefined ? { party, wei: wei.toString() } : { party, wei: wei.toString(), ledger };
    return this.record('balance', party, `${party}${ledger ? ` (${ledger})` : ''} balance ${formatEth(wei)}`, mark);
  }

  /** An L2 head moved; the HTML report draws one lane per head. */
  recordL2Head(actor: string, head: L2HeadName, number: number): TraceEvent {
    const mark: L2HeadMark = { head, number };
    return this.record('l2-head', actor, `L2 ${head} head → ${number}`, mark);
  }

  /** One state-changing step: trace it, then hold every `always` invariant to it. */
  async step(kind: string, actor: string, summary: string, data?: unknown): Promise<TraceEvent> {
    const event = this.record(kind, actor, summary, data);
    await this.checkAlways();
    return event;
  }

  addActor(actor: Actor): void {
    if (this.actors.some((a) => a.name === actor.name)) throw new Error(`actor ${actor.name} is already in the world`);
    this.actors.push(actor);
  }

  actorsWith(role: Role): Actor[] {
    return this.actors.filter((a) => a.role === role);
  }

  /** The operator disappears: its actors stop existing, for the rest of the run. */
  removeRole(role: Role): void {
    const gone = this.actorsWith(role).map((a) => a.name);
    this.actors = this.actors.filter((a) => a.role !== role);
    if (gone.length > 0) this.record('remove', 'kernel', `${role} removed: ${gone.join(', ')}`);
  }

  isOnline(name: string): boolean {
    const until = this.offlineUntil.get(name);
    return until === undefined || this.height > until;
  }

  /**
   * Keeps `name` from reacting until after `untilHeight`. The timer forces a block at the
   * height it returns, so a party that comes back mid-skip sees L1 at once and can catch up.
   */
  setOffline(name: string, untilHeight: number): void {
    this.offlineUntil.set(name, untilHeight);
    this.at(untilHeight + 1, `${name} back online`, () => {});
  }

  /** The first height at which an offline party reacts again; undefined while it is online. */
  backOnlineAt(name: string): number | undefined {
    return this.isOnline(name) ? undefined : this.offlineUntil.get(name)! + 1;
  }

  bringOnline(name: string): void {
    this.offlineUntil.delete(name);
  }

  at(height: number, label: string, fire: () => void | Promise<void>): void {
    this.scheduler.at(height, label, fire);
  }

  /** Mines one block, lets online actors react to it, fires due timers, checks `always`. */
  async mine(): Promise<MinedBlock> {
    const block = await this.l1.mine();
    const included = block.txs.map((t) => `${t.method}${t.status === 'reverted' ? ` ✗ ${t.revertReason}` : ''}`);
    this.record('block', 'l1', `block ${block.number}: ${included.length === 0 ? 'empty' : included.join(', ')}`, {
      txs: block.txs.map((t) => ({ id: t.id, status: t.status, reason: t.revertReason, logs: t.logs.map((l) => ({ name: l.name, args: l.args })) })),
    });
    for (const actor of [...this.actors]) {
      if (actor.onBlock && this.isOnline(actor.name)) await actor.onBlock(this, block);
    }
    for (const timer of this.scheduler.due(block.number)) await timer.fire();
    await this.checkAlways();
    return block;
  }

  async advance(blocks: number): Promise<void> {
    await this.advanceTo(this.height + blocks);
  }

  /**
   * Advances L1 to `height`, mining only where something happens (an includable
   * transaction or a timer) and skipping empty stretches in O(1): a 45,818-block
   * challenge window costs a handful of blocks, not 45,818.
   */
  async advanceTo(height: number): Promise<void> {
    while (this.height < height) {
      const next = Math.min(height, this.l1.nextInclusionHeight(), this.scheduler.nextHeight());
      if (next > this.height + 1) await this.l1.skipTo(next - 1);
      await this.mine();
    }
  }

  /**
   * Mines until the mempool is empty, or for at most `maxBlocks`. The default outlasts any
   * inclusion rule the adversary's budget allows, so an honest party whose transaction is
   * censored simply waits (in O(1) skips); the bound still ends a wait on an actor that
   * keeps sending (a prover retrying a rejected proof every interval).
   */
  async settle(maxBlocks = this.budget.censorBlocks + this.l1.finalityDepth + 64): Promise<void> {
    const limit = this.height + maxBlocks;
    while (this.l1.pendingCount() > 0 && this.l1.nextInclusionHeight() <= limit) {
      await this.advanceTo(Math.max(this.height + 1, this.l1.nextInclusionHeight()));
    }
  }

  async checkAlways(): Promise<void> {
    await this.runCheckers('always');
  }

  async checkEventually(): Promise<void> {
    await this.runCheckers('eventually');
  }

  private async runCheckers(kind: 'always' | 'eventually'): Promise<void> {
    for (const checker of this.checkers) {
      if (checker.kind !== kind || this.fired.has(checker.name)) continue;
      const findings = await checker.check(this);
      if (findings.length === 0) continue;
      // The first finding per invariant is the violation; later ones are consequences.
      const finding = findings[0]!;
      this.fired.add(checker.name);
      const event = this.record('violation', 'checker', `${checker.name}: ${finding.message}`, finding);
      this.violations.push({ invariant: checker.name, step: event.step, phase: this.phase, ...finding });
    }
  }
}
