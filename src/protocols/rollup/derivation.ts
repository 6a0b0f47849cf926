import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { DelayedMessage } from '../../l1/contracts/delayed-inbox.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import type { L1, L1Log } from '../../l1/L1.ts';
import { decodePayload, type L2Block } from './batch.ts';
import { MalformedData } from './codec.ts';
import { decompressPayload } from './compression.ts';
import { retrieveFromAnywhere, type BatchDataSource } from './data-availability.ts';
import { L2State, stateRootOf, type Effect, type StateRoots } from './state.ts';
import { outsideTimeBounds, type TimeBounds } from './time-bounds.ts';
import { authenticate, type L2Message, type SignedTx } from './transaction.ts';

/** The protocol rules derivation enforces on what it reads from L1. */
export interface DerivationRules extends TimeBounds {
  readonly chainId: number;
  /** A batch whose data inflates past this is dropped (Arbitrum 16 MiB, OP 100 MB). */
  readonly maxDecompressedBytes: number;
}

/** A sequenced transaction as the canonical chain has it. */
export interface CanonicalTx {
  readonly hash: Hex;
  readonly kind: 'transfer' | 'withdraw';
  readonly from: Address;
  readonly to: Address;
  readonly amountWei: bigint;
  readonly status: 'ok' | 'failed';
  readonly reason?: string;
  /** Inbox entry (sequence number) and L1 block that carried it. */
  readonly batch: number;
  readonly l1Block: number;
}

/** Where a delayed message entered the canonical chain. */
export interface DelayedInclusion {
  readonly index: number;
  readonly batch: number;
  readonly l1Block: number;
  readonly status: 'ok' | 'failed';
  readonly reason?: string;
}

/**
 * What derivation made of an inbox entry: applied; rejected (time bounds, size limit,
 * malformed — its transactions are dropped but the delayed messages it consumed on L1
 * still enter the chain, so none is ever lost); unavailable (its data cannot be read:
 * derivation stops here); or pending behind an unavailable one.
 */
export interface DerivedBatch {
  readonly record: BatchRecord;
  readonly outcome: 'applied' | 'rejected' | 'unavailable' | 'pending';
  readonly reason?: string;
  readonly roots?: StateRoots & { readonly stateRoot: Hex };
}

/** What entered the canonical chain, in order, and from which inbox entry: what a zk prover re-executes. */
export type AppliedItem = { readonly batch: number } & ({ readonly kind: 'tx'; readonly tx: SignedTx } | { readonly kind: 'delayed'; readonly index: number });

type Decoded = { readonly blocks: readonly L2Block[] } | { readonly reason: string };

interface Mark {
  readonly block: number;
  readonly stateMark: number;
  readonly undoMark: number;
}

/**
 * The honest verifier node: rebuilds the canonical L2 chain from L1 data alone — inbox
 * events, delayed messages, batch data from calldata or blobs — applying the protocol's
 * rules (time bounds, size limit, signatures, forced-message order) and following L1
 * reorgs. Every checker decides from this, never from the sequencer's feed.
 *
 * Incremental: each `sync` processes only new L1 blocks. Changes made while processing
 * not-yet-final L1 blocks are journaled, so a reorg rewinds to the last common block
 * and re-derives from there; past finality the journal is dropped.
 */
export class Derivation {
  readonly state = L2State.journaled();
  private delayedMessages: DelayedMessage[] = [];
  private inclusions: DelayedInclusion[] = [];
  private derived: DerivedBatch[] = [];
  private applied: AppliedItem[] = [];
  private txs = new Map<Hex, CanonicalTx>();
  private stalled: number | undefined;
  private calldata = new Map<number, Uint8Array>();
  private decodedByHash = new Map<Hex, Decoded>();
  private cursor = 0;
  /** L1's finalized height at the last sync: only blocks above it can have been reorged since, however long this node lagged. */
  private syncedFinal = 0;
  /** Set by every L1 change; checkers call `sync` after each step, and most steps change nothing on L1. */
  private stale = true;
  private seen: Array<{ block: number; key: string }> = [];
  private marks: Mark[] = [];
  private undo: Array<() => void> = [];
  private readonly watched: ReadonlySet<string>;
  private readonly genesis: StateRoots & { stateRoot: Hex };

  constructor(
    private readonly l1: L1,
    contracts: { readonly inbox: { address: Address }; readonly delayedInbox: { address: Address } },
    readonly rules: DerivationRules,
    /** Off-L1 holders of batch data (committee, archiver) this verifier may ask; none for a pure rollup node. */
    private readonly sources: readonly BatchDataSource[] = [],
  ) {
    this.watched = new Set([contracts.inbox.address, contracts.delayedInbox.address]);
    const roots = new L2State().roots();
    this.genesis = { ...roots, stateRoot: stateRootOf(roots) };
    const touched = () => (this.stale = true);
    l1.observe({ mined: touched, reorged: touched, skipped: touched });
  }

  /** Catches up with the L1 head, first undoing whatever an L1 reorg took away. */
  sync(): void {
    if (!this.stale) return;
    this.stale = false;
    const head = this.l1.head().number;
    const finalized = this.l1.finalized().number;
    const from = Math.min(this.cursor + 1, this.syncedFinal + 1);
    const logs = this.l1.logs({ fromBlock: from }).filter((l) => this.watched.has(l.contract));
    const divergence = this.divergence(logs.filter((l) => l.block <= this.cursor), from);
    if (divergence !== undefined) this.rewind(divergence);
    for (const log of logs) if (log.block > this.cursor) this.process(log, finalized);
    this.cursor = head;
    this.syncedFinal = finalized;
    this.prune(finalized);
  }

  /** Delayed messages known on L1, in inbox order. */
  get delayed(): readonly DelayedMessage[] {
    return this.delayedMessages;
  }

  /** Delayed messages already in the canonical chain (always a prefix). */
  get delayedRead(): number {
    return this.inclusions.length;
  }

  delayedInclusion(index: number): DelayedInclusion | undefined {
    return this.inclusions[index];
  }

  get batches(): readonly DerivedBatch[] {
    return this.derived;
  }

  /** Inbox entries derived so far: everything before the first batch whose data is unavailable. */
  get derivedBatchCount(): number {
    return this.stalled ?? this.derived.length;
  }

  /** Sequence number of the first batch whose data no one can read, if any. */
  get stalledAt(): number | undefined {
    return this.stalled;
  }

  tx(hash: Hex): CanonicalTx | undefined {
    return this.txs.get(hash);
  }

  /** The state roots after the first `batchCount` inbox entries, if derivation got that far. */
  rootsAfter(batchCount: number): (StateRoots & { stateRoot: Hex }) | undefined {
    if (batchCount === 0) return this.genesis;
    if (batchCount > this.derivedBatchCount) return undefined;
    return this.derived[batchCount - 1]!.roots;
  }

  /** Authenticated transactions and delayed messages applied by inbox entries [fromBatch, toBatch), in chain order. */
  appliedIn(fromBatch: number, toBatch: number): AppliedItem[] {
    return this.applied.filter((a) => a.batch >= fromBatch && a.batch < toBatch);
  }

  /** Escrowed deposits not yet credited on L2 (still in the delayed inbox). */
  pendingDepositsWei(to?: Address): bigint {
    let sum = 0n;
    for (let i = this.inclusions.length; i < this.delayedMessages.length; i++) {
      const m = this.delayedMessages[i]!;
      if (m.kind === 'deposit' && (to === undefined || m.to === to)) sum += m.amountWei;
    }
    return sum;
  }

  /** The first L1 block whose logs differ from what was processed (a reorg), if any. */
  private divergence(current: readonly L1Log[], from: number): number | undefined {
    const before = this.seen.filter((s) => s.block >= from);
    const n = Math.max(before.length, current.length);
    for (let i = 0; i < n; i++) {
      const a = before[i];
      const b = current[i];
      if (a && b && a.key === logKey(b)) continue;
      return Math.min(a?.block ?? Infinity, b?.block ?? Infinity);
    }
    return this.cursor > this.l1.head().number ? this.l1.head().number + 1 : undefined;
  }

  private rewind(block: number): void {
    const at = this.marks.findIndex((m) => m.block >= block);
    if (at !== -1) {
      const mark = this.marks[at]!;
      this.state.rollbackTo(mark.stateMark);
      while (this.undo.length > mark.undoMark) this.undo.pop()!();
      this.marks.length = at;
    }
    this.seen = this.seen.filter((s) => s.block < block);
    this.calldata.clear();
    this.cursor = Math.min(this.cursor, block - 1);
  }

  private process(log: L1Log, finalized: number): void {
    if (log.block > finalized) {
      if (this.marks[this.marks.length - 1]?.block !== log.block) this.marks.push({ block: log.block, stateMark: this.state.mark(), undoMark: this.undo.length });
      this.seen.push({ block: log.block, key: logKey(log) });
    }
    switch (log.name) {
      case 'MessageDelivered':
        this.push(this.delayedMessages, log.args as unknown as DelayedMessage);
        return;
      case 'SequencerBatchData':
        this.calldata.set(log.args.sequenceNumber as number, log.args.data as Uint8Array);
        return;
      case 'SequencerBatchDelivered':
        this.applyEntry(log.args as unknown as BatchRecord);
        return;
    }
  }

  private applyEntry(record: BatchRecord): void {
    if (this.stalled !== undefined) return this.settle(record, 'pending');
    if (record.kind === 'forced') {
      this.includeDelayedUpTo(record.afterDelayedRead, record);
      return this.settle(record, 'applied');
    }
    const data = retrieveFromAnywhere(this.l1, record, this.calldata.get(record.sequenceNumber), this.sources);
    this.calldata.delete(record.sequenceNumber);
    if (data === undefined) {
      this.setStalled(record.sequenceNumber);
      return this.settle(record, 'unavailable', unavailableReason(record, this.sources.length > 0));
    }
    const decoded = this.decode(record.dataHash, data);
    const reason = 'reason' in decoded ? decoded.reason : this.outOfBounds(decoded.blocks, record.block);
    if (reason === undefined) this.applyBlocks((decoded as { blocks: readonly L2Block[] }).blocks, record);
    this.includeDelayedUpTo(record.afterDelayedRead, record);
    this.settle(record, reason === undefined ? 'applied' : 'rejected', reason);
  }

  /** Decompression and parsing depend only on the data, so each batch is inflated once per run, not on every check. */
  private decode(dataHash: Hex, data: Uint8Array): Decoded {
    const cached = this.decodedByHash.get(dataHash);
    if (cached) return cached;
    let result: Decoded;
    const inflated = decompressPayload(data, this.rules.maxDecompressedBytes);
    if (!inflated.ok) result = { reason: inflated.reason };
    else {
      try {
        result = { blocks: decodePayload(inflated.payload, this.rules.chainId) };
      } catch (e) {
        if (!(e instanceof MalformedData)) throw e;
        result = { reason: `malformed batch: ${e.message}` };
      }
    }
    this.decodedByHash.set(dataHash, result);
    return result;
  }

  private outOfBounds(blocks: readonly L2Block[], inclusionBlock: number): string | undefined {
    for (const block of blocks) {
      const why = outsideTimeBounds(block, inclusionBlock, this.rules);
      if (why) return `outside its time bounds: ${why}`;
    }
    return undefined;
  }

  private applyBlocks(blocks: readonly L2Block[], record: BatchRecord): void {
    for (const block of blocks) {
      for (const item of block.items) {
        if (item.type === 'tx') this.applyTx(item.tx, record);
        else if (this.inclusions.length < record.afterDelayedRead) this.includeDelayed(record);
      }
    }
  }

  private applyTx(tx: SignedTx, record: BatchRecord): void {
    const message = authenticate(tx, this.rules.chainId);
    const effect: Effect = message ? this.state.apply(message) : { status: 'failed', reason: 'bad signature' };
    if (message) this.push(this.applied, { batch: record.sequenceNumber, kind: 'tx', tx });
    const previous = this.txs.get(tx.hash);
    if (previous?.status === 'ok') return;
    const { body } = tx;
    this.txs.set(tx.hash, {
      hash: tx.hash,
      kind: body.kind,
      from: body.from,
      to: body.to,
      amountWei: body.amountWei,
      status: effect.status,
      reason: effect.status === 'failed' ? effect.reason : undefined,
      batch: record.sequenceNumber,
      l1Block: record.block,
    });
    this.undo.push(() => (previous ? this.txs.set(tx.hash, previous) : this.txs.delete(tx.hash)));
  }

  private includeDelayedUpTo(count: number, record: BatchRecord): void {
    while (this.inclusions.length < count && this.inclusions.length < this.delayedMessages.length) this.includeDelayed(record);
  }

  private includeDelayed(record: BatchRecord): void {
    const index = this.inclusions.length;
    const effect = this.state.apply(delayedToMessage(this.delayedMessages[index]!));
    this.push(this.applied, { batch: record.sequenceNumber, kind: 'delayed', index });
    this.push(this.inclusions, {
      index,
      batch: record.sequenceNumber,
      l1Block: record.block,
      status: effect.status,
      reason: effect.status === 'failed' ? effect.reason : undefined,
    });
  }

  private settle(record: BatchRecord, outcome: DerivedBatch['outcome'], reason?: string): void {
    const roots = outcome === 'applied' || outcome === 'rejected' ? this.state.roots() : undefined;
    this.push(this.derived, { record, outcome, reason, roots: roots && { ...roots, stateRoot: stateRootOf(roots) } });
  }

  private setStalled(sequenceNumber: number): void {
    this.stalled = sequenceNumber;
    this.undo.push(() => (this.stalled = undefined));
  }

  private push<T>(list: T[], item: T): void {
    list.push(item);
    this.undo.push(() => list.pop());
  }

  /** Past L1 finality nothing can be reorged: forget the undo entries that could only serve such a rewind. */
  private prune(finalized: number): void {
    this.seen = this.seen.filter((s) => s.block > finalized);
    const keep = this.marks.findIndex((m) => m.block > finalized);
    if (keep === -1) {
      this.marks = [];
      this.state.forget(this.state.mark());
      this.undo = [];
      return;
    }
    if (keep === 0) return;
    this.marks = this.marks.slice(keep);
    const base = this.marks[0]!;
    if (base.undoMark < 1_024) return;
    this.state.forget(base.stateMark);
    this.undo.splice(0, base.undoMark);
    this.marks = this.marks.map((m) => ({ block: m.block, stateMark: m.stateMark - base.stateMark, undoMark: m.undoMark - base.undoMark }));
  }
}

/**
 * Why a batch's data cannot be read. Blobs of a mined batch are served until the retention
 * window prunes them, so missing blobs are expired ones; other data was never on L1.
 */
function unavailableReason(record: BatchRecord, askedOthers: boolean): string {
  if (record.dataLocation === 'blobs') return `its blobs are past L1's retention window and ${askedOthers ? 'no off-L1 source this node asked serves them' : 'this node knows no one who kept them'}`;
  return askedOthers ? 'batch data is not retrievable from L1 or any off-chain source' : 'batch data is not retrievable from L1';
}

/** A delayed message as the state transition sees it: authenticated by L1, no nonce. */
export function delayedToMessage(m: DelayedMessage): L2Message {
  if (m.kind === 'deposit') return { kind: 'deposit', to: m.to, amountWei: m.amountWei };
  if (m.action === 'withdraw') return { kind: 'withdraw', from: m.sender, to: m.to, amountWei: m.amountWei, all: m.all };
  return { kind: 'transfer', from: m.sender, to: m.to, amountWei: m.amountWei };
}

function logKey(log: L1Log): string {
  const a = log.args;
  return `${log.block}|${log.tx}|${log.name}|${String(a.index ?? a.sequenceNumber)}|${String(a.prevDelayedRead ?? '')}|${String(a.afterDelayedRead ?? '')}`;
}
