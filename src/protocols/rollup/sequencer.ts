import { account, nameOf, type Address } from '../../crypto/accounts.ts';
import { keccakBytes, type Hex } from '../../crypto/keccak.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { BatchHeader } from '../../l1/contracts/rollup-inbox.ts';
import type { TxId } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import { blockOverhead, encodePayload, itemSize, PAYLOAD_OVERHEAD, type BatchItem, type L2Block } from './batch.ts';
import { compressPayload, type Compression } from './compression.ts';
import type { RollupContracts } from './contracts.ts';
import { carrier, maxPostedBytes, type DataAvailability } from './data-availability.ts';
import { delayedToMessage, type Derivation } from './derivation.ts';
import type { L2State } from './state.ts';
import { inclusionWindow } from './time-bounds.ts';
import { authenticate, encodedLength, type SignedTx } from './transaction.ts';

/** The two sequencer-side mitigations of DoubleUp Roll (CCS 2024); each twin switches one off. */
export interface SequencerPolicy {
  /**
   * Batches carry the L1 window their blocks' time bounds allow (a late batch reverts
   * instead of landing to be thrown away), stale blocks are re-stamped before posting,
   * and nothing is soft-confirmed while the backlog is too old to post in time.
   * Off: twin `unchecked-batch-bounds` — "overtime" rolls payments back.
   */
  readonly checksBatchBounds: boolean;
  /** Refuses what would push a batch past the decompressed-size limit. Off: twin `no-zip-bomb-limit`. */
  readonly checksDecompressedSize: boolean;
}

export interface SequencerConfig {
  readonly policy: SequencerPolicy;
  readonly compression: Compression;
  readonly dataAvailability: DataAvailability;
  /** Blocks between the first unposted L2 block and its batch (Arbitrum posts every few minutes). */
  readonly batchIntervalBlocks: number;
  /** The secure sequencer re-stamps blocks this close to their deadline, and stops confirming past it. */
  readonly postingMarginBlocks: number;
  /** Where batch data goes instead of L1 when it can (a validium's committee). @defaultValue none: always L1 */
  readonly publisher?: BatchPublisher;
}

/**
 * Publishes batch data off L1 and gets L1 to accept the batch as a bare hash (a validium's
 * committee certificate). False when it cannot — the sequencer then posts the data on L1
 * as a rollup would, AnyTrust's fallback.
 */
export interface BatchPublisher {
  publish(world: World, batch: { readonly poster: Address; readonly data: Uint8Array; readonly dataHash: Hex }): Promise<boolean>;
}

/** One item of the sequencer's own chain; delayed messages keep their inbox index. */
type SoftItem = { readonly type: 'tx'; readonly tx: SignedTx } | { readonly type: 'delayed'; readonly index: number };

interface SoftBlock {
  origin: number;
  timestamp: number;
  readonly items: SoftItem[];
}

interface SentBatch {
  readonly txId: TxId;
  readonly sequenceNumber: number;
  readonly blocks: readonly SoftBlock[];
  /** For a batch posted without its data: the root the sequencer claims after it. */
  readonly claimedRoot?: Hex;
}

export type SubmitResult = { readonly status: 'confirmed' } | { readonly status: 'refused'; readonly reason: string } | { readonly status: 'ignored' };

export interface FeedListener {
  confirmed?(world: World, tx: SignedTx): Promise<void>;
  retracted?(world: World, tx: SignedTx, reason: string): Promise<void>;
}

/**
 * The sequencer: orders L2 transactions, soft-confirms them at once on its feed, and
 * posts them to L1 later in compressed batches. The feed is a promise, not the chain:
 * the canonical chain is whatever derivation makes of L1, and the gap between the two
 * is where rollback double-spends live. It is the operator — the adversary may make it
 * censor, withhold data or halt.
 */
export class Sequencer implements Actor {
  readonly role = 'operator' as const;
  readonly address: Address;
  private soft: L2State;
  private softDelayedRead: number;
  private unposted: SoftBlock[] = [];
  private sent: SentBatch[] = [];
  private forcedSeen = 0;
  private censored = new Map<Address, number>();
  private withholdUntil = -1;
  private withholdRefused = false;
  private listeners: FeedListener[] = [];
  private wakeAt = new Set<number>();
  /** Soft confirmations later broken (the feed's retractions), for the trace and tests. */
  readonly retracted: SignedTx[] = [];
  /** Roots the sequencer claims after batches whose data it withheld: what a colluding proposer commits. */
  readonly claimedRoots = new Map<number, Hex>();

  constructor(
    readonly name: string,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    private readonly config: SequencerConfig,
  ) {
    this.address = account(name).address;
    derivation.sync();
    this.soft = derivation.state.clone();
    this.softDelayedRead = derivation.delayedRead;
  }

  subscribe(listener: FeedListener): void {
    this.listeners.push(listener);
  }

  nonceOf(address: Address): number {
    return this.soft.account(address).nonce;
  }

  balanceOf(address: Address): bigint {
    return this.soft.account(address).balanceWei;
  }

  isActive(world: World): boolean {
    return world.actorsWith(this.role).includes(this) && world.isOnline(this.name);
  }

  /** A user hands over a transaction: confirmed on the feed at once, refused, or silently ignored (censorship). */
  async submit(world: World, tx: SignedTx): Promise<SubmitResult> {
    if (!this.isActive(world)) return { status: 'ignored' };
    const sender = tx.body.from.toLowerCase() as Address;
    if ((this.censored.get(sender) ?? -1) >= world.height) {
      world.record('l2', this.name, `ignores ${nameOf(sender)}'s transaction ${tx.hash.slice(0, 10)} (censoring)`);
      return { status: 'ignored' };
    }
    const refusal = this.refusal(world, tx);
    if (refusal) return this.refuse(world, tx, refusal);
    const message = authenticate(tx, this.derivation.rules.chainId);
    if (!message) return this.refuse(world, tx, 'bad signature');
    const effect = this.soft.apply(message);
    if (effect.status === 'failed') return this.refuse(world, tx, effect.reason);
    this.blockWithRoom(world, itemSize({ type: 'tx', tx })).items.push({ type: 'tx', tx });
    this.schedulePosting(world);
    await world.step('l2', this.name, `soft-confirms ${describeTx(tx)}`, { tx: tx.hash, from: tx.body.from, to: tx.body.to, amountWei: tx.body.amountWei });
    for (const l of this.listeners) await l.confirmed?.(world, tx);
    return { status: 'confirmed' };
  }

  /** The adversary's hooks: these are what a captured sequencer can do. */
  censor(party: Address, untilHeight: number): void {
    this.censored.set(party.toLowerCase() as Address, untilHeight);
  }

  withhold(untilHeight: number): void {
    this.withholdUntil = untilHeight;
    this.withholdRefused = false;
  }

  async onBlock(world: World): Promise<void> {
    await this.tick(world);
  }

  /** Follows L1, repairs its chain after reverts and force inclusions, sequences delayed messages, posts. */
  async tick(world: World): Promise<void> {
    if (!this.isActive(world)) return;
    this.derivation.sync();
    const unlanded = this.sent.filter((b) => world.l1.receipt(b.txId).status !== 'success');
    const reverted = this.dropSettled(world);
    if (reverted || this.forcedIn()) await this.rebuild(world, unlanded);
    this.sequenceDelayed(world);
    if (this.sent.some((b) => world.l1.receipt(b.txId).status === 'pending')) return;
    if (this.unposted.length > 0 && world.height >= this.unposted[0]!.origin + this.config.batchIntervalBlocks) await this.post(world);
    else this.schedulePosting(world);
  }

  private refusal(world: World, tx: SignedTx): string | undefined {
    const { policy } = this.config;
    const max = this.derivation.rules.maxDecompressedBytes;
    if (policy.checksDecompressedSize && PAYLOAD_OVERHEAD + blockOverhead() + itemSize({ type: 'tx', tx }) > max) {
      return `it cannot fit in any batch: ${encodedLength(tx)} bytes against a ${max}-byte decompressed limit`;
    }
    if (policy.checksBatchBounds) {
      const oldest = this.oldestUnlanded(world);
      const limit = this.derivation.rules.delayBlocks - this.config.postingMarginBlocks;
      if (oldest !== undefined && world.height - oldest > limit) return `its backlog from L1 block ${oldest} can no longer be posted within the time bounds`;
    }
    return undefined;
  }

  private async refuse(world: World, tx: SignedTx, reason: string): Promise<SubmitResult> {
    await world.step('l2', this.name, `refuses ${describeTx(tx)}: ${reason}`, { tx: tx.hash });
    return { status: 'refused', reason };
  }

  private openBlock(world: World): SoftBlock {
    const last = this.unposted[this.unposted.length - 1];
    if (last && last.origin === world.height) return last;
    const block: SoftBlock = { origin: world.height, timestamp: world.l1.head().timestamp, items: [] };
    this.unposted.push(block);
    return block;
  }

  /** The open block, or a new one with the same origin when the open one would pass the decompressed limit. */
  private blockWithRoom(world: World, size: number): SoftBlock {
    const block = this.openBlock(world);
    if (!this.config.policy.checksDecompressedSize || block.items.length === 0) return block;
    const used = PAYLOAD_OVERHEAD + blockOverhead() + block.items.reduce((n, i) => n + itemSize(toBatchItem(i)), 0);
    if (used + size <= this.derivation.rules.maxDecompressedBytes) return block;
    const fresh: SoftBlock = { origin: block.origin, timestamp: block.timestamp, items: [] };
    this.unposted.push(fresh);
    return fresh;
  }

  /** Oldest origin among blocks not yet landed on L1: the backlog the time bounds run against. */
  private oldestUnlanded(world: World): number | undefined {
    const waiting = this.sent.filter((b) => world.l1.receipt(b.txId).status === 'pending').flatMap((b) => b.blocks);
    const origins = [...waiting, ...this.unposted].map((b) => b.origin);
    return origins.length > 0 ? Math.min(...origins) : undefined;
  }

  /** Forgets batches that reverted or are L1-final; true if one reverted (the chain needs rebuilding). */
  private dropSettled(world: World): boolean {
    const finalized = world.l1.finalized().number;
    let reverted = false;
    this.sent = this.sent.filter((b) => {
      const r = world.l1.receipt(b.txId);
      if (r.status === 'reverted') {
        reverted = true;
        world.record('l2', this.name, `batch ${b.sequenceNumber} reverted on L1: ${r.revertReason}`);
        if (r.revertReason?.startsWith('batch data required')) this.withholdRefused = true;
        return false;
      }
      // Only a withheld batch that landed has a root a colluding proposer could commit.
      if (r.status === 'success' && b.claimedRoot) this.claimedRoots.set(b.sequenceNumber + 1, b.claimedRoot);
      return r.status === 'pending' || r.block! > finalized;
    });
    return reverted;
  }

  /** True when someone forced delayed messages in: the sequencer's own chain no longer extends the canonical one. */
  private forcedIn(): boolean {
    const forced = this.forcedCount();
    if (forced === this.forcedSeen) return false;
    this.forcedSeen = forced;
    return true;
  }

  /**
   * Rebuilds the soft chain on the canonical one: every item not yet canonical is
   * replayed in its original order on fresh blocks; a transaction that no longer applies
   * (its funds were spent by a forced message that cut the queue) is dropped from the
   * feed — a soft confirmation broken.
   */
  private async rebuild(world: World, unlanded: readonly SentBatch[]): Promise<void> {
    if (this.derivation.stalledAt !== undefined) return;
    const items = [...unlanded.flatMap((b) => b.blocks), ...this.unposted].flatMap((b) => b.items);
    // Batches still waiting in the mempool were built on a chain that no longer exists: they will revert.
    this.sent = this.sent.filter((b) => world.l1.receipt(b.txId).status === 'success');
    this.soft = this.derivation.state.clone();
    this.softDelayedRead = this.derivation.delayedRead;
    this.forcedSeen = this.forcedCount();
    this.unposted = [];
    const replayed = new Set<Hex>();
    const dropped: Array<[SignedTx, string]> = [];
    for (const item of items) {
      if (item.type === 'delayed') {
        while (this.softDelayedRead <= item.index) this.consumeDelayed(world);
        continue;
      }
      if (replayed.has(item.tx.hash) || this.derivation.tx(item.tx.hash)?.status === 'ok') continue;
      replayed.add(item.tx.hash);
      const effect = this.soft.apply(authenticate(item.tx, this.derivation.rules.chainId)!);
      if (effect.status === 'ok') this.openBlock(world).items.push(item);
      else dropped.push([item.tx, effect.reason]);
    }
    await world.step('l2', this.name, `rebuilds its chain on L1: ${this.unposted.reduce((n, b) => n + b.items.length, 0)} items re-sequenced, ${dropped.length} dropped`);
    for (const [tx, reason] of dropped) {
      this.retracted.push(tx);
      await world.step('l2', this.name, `retracts its soft confirmation of ${describeTx(tx)}: ${reason}`, { tx: tx.hash });
      for (const l of this.listeners) await l.retracted?.(world, tx, reason);
    }
  }

  private forcedCount(): number {
    return this.derivation.batches.filter((b) => b.record.kind === 'forced').length;
  }

  /** Delayed messages enter the soft chain once their L1 block is final (Arbitrum's delayed sequencer waits for finality). */
  private sequenceDelayed(world: World): void {
    const known = this.derivation.delayed;
    const finalized = world.l1.finalized().number;
    while (this.softDelayedRead < known.length && known[this.softDelayedRead]!.block <= finalized) {
      const sender = known[this.softDelayedRead]!.sender.toLowerCase() as Address;
      // A censoring sequencer stalls the queue at the censored message: delayed messages are consumed in order.
      if ((this.censored.get(sender) ?? -1) >= world.height) return;
      this.consumeDelayed(world);
    }
    const next = known[this.softDelayedRead];
    if (next) this.wake(world, next.block + world.l1.finalityDepth);
  }

  private consumeDelayed(world: World): void {
    const index = this.softDelayedRead;
    this.soft.apply(delayedToMessage(this.derivation.delayed[index]!));
    this.softDelayedRead++;
    this.openBlock(world).items.push({ type: 'delayed', index });
    this.schedulePosting(world);
  }

  private async post(world: World): Promise<void> {
    const withholding = world.height <= this.withholdUntil && !this.withholdRefused;
    let blocks = withholding ? this.unposted : this.fitting();
    if (this.config.policy.checksBatchBounds) this.restampStale(world, blocks);
    let payload = encodePayload(blocks.map(toL2Block));
    let data = compressPayload(payload, this.config.compression);
    // A batch must fit one L1 transaction; halve it until it does (the rest waits for the next batch).
    while (!withholding && data.length > maxPostedBytes(this.config.dataAvailability) && blocks.length > 1) {
      blocks = blocks.slice(0, Math.ceil(blocks.length / 2));
      payload = encodePayload(blocks.map(toL2Block));
      data = compressPayload(payload, this.config.compression);
    }
    const sequenceNumber = await this.contracts.inbox.batchCount();
    const window = this.config.policy.checksBatchBounds ? inclusionWindow(blocks.map(toL2Block), this.derivation.rules) : { notBeforeBlock: 0, deadlineBlock: 0 };
    const header: BatchHeader = { sequenceNumber, afterDelayedRead: this.delayedReadAfter(blocks), ...window, dataHash: keccakBytes(data) };
    const offL1 = !withholding && this.config.publisher !== undefined && (await this.config.publisher.publish(world, { poster: this.address, data, dataHash: header.dataHash }));
    const posted = withholding || offL1 ? { argument: null } : carrier(data, this.config.dataAvailability);
    const txId = await this.contracts.inbox.addSequencerBatch({ from: this.address, data: posted.data, blobs: posted.blobs }, header, posted.argument);
    this.unposted = this.unposted.slice(blocks.length);
    // Withholding posts every unposted block, so the soft root is the root after this batch.
    this.sent.push({ txId, sequenceNumber, blocks, claimedRoot: withholding ? this.soft.stateRoot() : undefined });
    const items = blocks.reduce((n, b) => n + b.items.length, 0);
    const where = withholding ? 'hash only, data withheld' : `${offL1 ? 'hash only, data with the committee' : this.config.dataAvailability}, ${payload.length} → ${data.length} bytes (${this.config.compression})`;
    await world.step('l2', this.name, `posts batch ${sequenceNumber}: ${blocks.length} blocks, ${items} items, ${where}`, { sequenceNumber, txId, header });
    this.schedulePosting(world);
  }

  /** The longest prefix of unposted blocks within the posting size and (secure) the decompressed limit. */
  private fitting(): SoftBlock[] {
    const cap = this.config.policy.checksDecompressedSize ? this.derivation.rules.maxDecompressedBytes : Infinity;
    const blocks: SoftBlock[] = [];
    let size = PAYLOAD_OVERHEAD;
    for (const block of this.unposted) {
      const add = blockOverhead() + block.items.reduce((n, i) => n + itemSize(toBatchItem(i)), 0);
      if (blocks.length > 0 && size + add > Math.min(cap, 4 * maxPostedBytes(this.config.dataAvailability))) break;
      blocks.push(block);
      size += add;
    }
    return blocks;
  }

  /** Blocks whose deadline is too near get a fresh origin: their transactions are the same, only the stamp moves. */
  private restampStale(world: World, blocks: SoftBlock[]): void {
    const window = inclusionWindow(blocks.map(toL2Block), this.derivation.rules);
    if (window.deadlineBlock >= world.height + this.config.postingMarginBlocks && window.notBeforeBlock <= world.height + 1) return;
    for (const b of blocks) {
      b.origin = world.height;
      b.timestamp = world.l1.head().timestamp;
    }
    world.record('l2', this.name, `re-stamps ${blocks.length} blocks with origin ${world.height}: they could no longer land within their time bounds`);
  }

  private delayedReadAfter(blocks: readonly SoftBlock[]): number {
    const later = this.unposted.slice(blocks.length).flatMap((b) => b.items).filter((i) => i.type === 'delayed');
    return this.softDelayedRead - later.length;
  }

  private schedulePosting(world: World): void {
    const first = this.unposted[0];
    if (first) this.wake(world, Math.max(world.height + 1, first.origin + this.config.batchIntervalBlocks));
  }

  private wake(world: World, height: number): void {
    if (this.wakeAt.has(height) || height <= world.height) return;
    this.wakeAt.add(height);
    world.at(height, `${this.name} wakes`, async () => {
      this.wakeAt.delete(height);
      if (this.isActive(world)) await this.tick(world);
    });
  }
}

function toBatchItem(item: SoftItem): BatchItem {
  return item.type === 'tx' ? item : { type: 'delayed' };
}

function toL2Block(block: SoftBlock): L2Block {
  return { origin: block.origin, timestamp: block.timestamp, items: block.items.map(toBatchItem) };
}

export function describeTx(tx: SignedTx): string {
  const b = tx.body;
  const what = b.kind === 'transfer' ? `${nameOf(b.from)} pays ${nameOf(b.to)} ${formatEth(b.amountWei)}` : `${nameOf(b.from)} withdraws ${formatEth(b.amountWei)} to ${nameOf(b.to)}`;
  return `${what} (${tx.hash.slice(0, 10)})`;
}
