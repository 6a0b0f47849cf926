import type { Address } from '../../crypto/accounts.ts';
import { keccakBytes, keccakText, type Hex } from '../../crypto/keccak.ts';
import { timestampOf } from '../../kernel/clock.ts';
import {
  GAS_PER_BLOB,
  PRAGUE,
  TX_BASE_GAS,
  blobBaseFee,
  calldataGas,
  excessAfterEmptyBlocks,
  nextExcessBlobGas,
  type BlobSchedule,
  versionedHash,
} from '../gas.ts';
import type {
  BlockHeader,
  ContractSpec,
  Deployed,
  L1,
  L1Log,
  L1Observer,
  LogFilter,
  MinedBlock,
  TxId,
  TxReceipt,
  TxRequest,
} from '../L1.ts';
import { BLOB_RETENTION_SECONDS } from '../L1.ts';
import { excessAt, matchingLogs } from '../history.ts';
import type { Mempool, PendingTx } from '../mempool.ts';
import { TxBook } from '../tx-book.ts';
import { Revert } from '../revert.ts';
import { abiWords } from './abi-size.ts';
import { memoryFacade } from './facade.ts';
import { Journal, Mapping, Slot, type CallContext, type ContractEnv } from './storage.ts';

export interface MemoryL1Options {
  /** Blocks behind the head that cannot be reorganised. @defaultValue 64 (two epochs) */
  finalityDepthBlocks?: number;
  /** Blob market parameters. @defaultValue PRAGUE (EIP-7691: target 6, max 9) */
  blobSchedule?: BlobSchedule;
  /** How long blob data stays retrievable. @defaultValue 1,572,864 s (4,096 epochs ≈ 18.2 days) */
  blobRetentionSeconds?: number;
  /** Execution base fee per gas, constant: congestion is modelled as a fee floor. @defaultValue 10 gwei */
  baseFeeWei?: bigint;
}

/** Execution gas is nominal in the model; calldata and blob gas, which dominate rollup costs, are exact. */
const EXECUTION_GAS = 50_000n;

interface StoredBlock extends MinedBlock {
  /** Journal position before the block's first transaction: a reorg rolls back to it. */
  mark: number;
  excessBefore: bigint;
  included: PendingTx[];
}

interface Deployment {
  spec: ContractSpec<unknown, unknown>;
  impl: Record<string, unknown>;
}

export class MemoryL1 implements L1 {
  readonly backend = 'memory' as const;
  readonly finalityDepth: number;

  get policy(): Mempool {
    return this.book.policy;
  }
  private readonly book: TxBook;
  private readonly schedule: BlobSchedule;
  private readonly baseFee: bigint;
  private readonly journal = new Journal();
  private readonly balances = new Mapping<string, bigint>(this.journal);
  private readonly contracts = new Map<string, Deployment>();
  private readonly blocks: StoredBlock[] = [];
  /** What a contract call reaches back into; made once, so a call's context holds no closures of its own. */
  private readonly host: CallHost = {
    transfer: (from, to, wei) => this.transfer(from, to, wei),
    balance: (address) => this.balance(address),
    invoke: (to, sender, method, args, value, block, txId, logs) => this.invoke(to, sender, method, args, value, block, [], 0, txId, logs),
    view: (address, method, args) => this.view(address, method, args),
  };
  private height = 0;
  /** The highest height ever final: finality never moves back, however many reorgs follow one another. */
  private finalizedFloor = 0;
  private excess = 0n;

  constructor(options: MemoryL1Options = {}) {
    this.finalityDepth = options.finalityDepthBlocks ?? 64;
    this.schedule = options.blobSchedule ?? PRAGUE;
    this.book = new TxBook(options.blobRetentionSeconds ?? BLOB_RETENTION_SECONDS);
    this.baseFee = options.baseFeeWei ?? 10_000_000_000n;
  }

  observe(observer: L1Observer): void {
    this.book.observe(observer);
  }

  head(): BlockHeader {
    return { number: this.height, timestamp: timestampOf(this.height) };
  }

  finalized(): BlockHeader {
    const number = Math.max(this.finalizedFloor, this.height - this.finalityDepth);
    return { number, timestamp: timestampOf(number) };
  }

  async deploy<F, P>(spec: ContractSpec<F, P>, params: P): Promise<Deployed<F>> {
    const address = keccakText(`l2adv:contract:${spec.name}:${this.contracts.size}`).slice(0, 42) as Address;
    const env: ContractEnv = {
      address,
      journal: this.journal,
      slot: (initial) => new Slot(this.journal, initial),
      mapping: () => new Mapping(this.journal),
    };
    const impl = spec.memory(env, params) as Record<string, unknown>;
    this.contracts.set(address, { spec: spec as ContractSpec<unknown, unknown>, impl });
    return memoryFacade<F>(this, address, spec.views, impl);
  }

  async fund(address: Address, wei: bigint): Promise<void> {
    this.credit(address, wei);
  }

  async balanceOf(address: Address): Promise<bigint> {
    return this.balance(address);
  }

  async send(tx: TxRequest): Promise<TxId> {
    return this.book.submit(tx);
  }

  receipt(id: TxId): TxReceipt {
    return this.book.receipt(id);
  }

  pendingCount(): number {
    return this.book.policy.size;
  }

  nextInclusionHeight(): number {
    return this.book.policy.nextInclusionHeight(this.height + 1);
  }

  async mine(): Promise<MinedBlock> {
    const number = this.height + 1;
    const header = { number, timestamp: timestampOf(number) };
    const mark = this.journal.mark();
    const fee = blobBaseFee(this.excess, this.schedule);
    const included = this.book.takeForBlock(number, this.schedule.maxBlobsPerBlock);
    const receipts = included.map((tx) => this.execute(tx, header, fee));
    const blobGasUsed = receipts.reduce((sum, r) => sum + r.blobGasUsed, 0n);
    // Fields spelled out, not spread from `header`: a spread after other fields takes V8's
    // slow copy path, and this runs once per block.
    const block: StoredBlock = { number, timestamp: header.timestamp, txs: receipts, blobGasUsed, blobBaseFee: fee, mark, excessBefore: this.excess, included };
    this.blocks.push(block);
    this.height = number;
    this.excess = nextExcessBlobGas(this.excess, blobGasUsed, this.schedule);
    this.finalizedFloor = Math.max(this.finalizedFloor, this.height - this.finalityDepth);
    this.forgetFinalizedUndo();
    this.book.mined(block);
    return block;
  }

  async skipTo(height: number): Promise<void> {
    if (height <= this.height) return;
    if (this.nextInclusionHeight() <= height) {
      throw new Error(`skipTo(${height}) would pass over a transaction includable at ${this.nextInclusionHeight()}: mine it first`);
    }
    const from = this.height;
    this.excess = excessAfterEmptyBlocks(this.excess, height - this.height, this.schedule);
    this.height = height;
    this.finalizedFloor = Math.max(this.finalizedFloor, height - this.finalityDepth);
    this.book.skipped(from, height);
  }

  async reorg(depth: number): Promise<TxId[]> {
    if (!Number.isInteger(depth) || depth < 1) throw new Error(`reorg depth must be a positive integer, got ${depth}`);
    // Successive shallow reorgs must not add up to undoing a block that was already final.
    if (depth > this.finalityDepth || depth > this.height || this.height - depth < this.finalizedFloor) {
      throw new Error(`reorg depth ${depth} reaches past finality (finality depth ${this.finalityDepth}, head ${this.height})`);
    }
    const newHead = this.height - depth;
    const removed: StoredBlock[] = [];
    while (this.blocks.length > 0 && this.blocks[this.blocks.length - 1]!.number > newHead) removed.unshift(this.blocks.pop()!);
    if (removed.length > 0) this.journal.rollbackTo(removed[0]!.mark);
    const returned = removed.flatMap((b) => b.included);
    this.book.reopen(returned, versionedHash);
    this.height = newHead;
    this.excess = this.excessAt(newHead);
    const ids = returned.map((t) => t.id);
    this.book.reorged(depth, ids);
    return ids;
  }

  logs(filter: LogFilter): L1Log[] {
    return matchingLogs(this.blocks, filter);
  }

  blob(hash: Hex): Uint8Array | undefined {
    return this.book.blob(hash, this.height);
  }

  /** keccak-based: the model hashes the data, not a KZG commitment (src/l1/gas.ts). */
  versionedHash(blob: Uint8Array): Hex {
    return versionedHash(blob);
  }

  blobBaseFee(): bigint {
    return blobBaseFee(this.excess, this.schedule);
  }

  async close(): Promise<void> {}

  /** Direct storage access for differential tests and the contract that owns it; never for protocol code. */
  contractImpl(address: Address): Record<string, unknown> | undefined {
    return this.contracts.get(address)?.impl;
  }

  private execute(tx: PendingTx, header: BlockHeader, blobFee: bigint): TxReceipt {
    const req = tx.request;
    const mark = this.journal.mark();
    const logs: L1Log[] = [];
    const blobHashes = (req.blobs ?? []).map(versionedHash);
    const blobGasUsed = BigInt(blobHashes.length) * GAS_PER_BLOB;
    const dataBytes = req.data ? calldataGas(req.data) : 16n * BigInt(4 + 32 * abiWords(req.args));
    const gasUsed = TX_BASE_GAS + dataBytes + EXECUTION_GAS;
    const feeWei = gasUsed * this.baseFee + blobGasUsed * blobFee;
    // Receipts spelled out rather than spread from a shared base: one per transaction, and a
    // spread after other fields takes V8's slow copy path.
    let receipt: TxReceipt;
    try {
      this.invoke(req.to, req.from, req.method, req.args, req.value ?? 0n, header, blobHashes, req.data?.length ?? 0, tx.id, logs);
      receipt = { id: tx.id, from: req.from, method: req.method, block: header.number, gasUsed, blobGasUsed, feeWei, status: 'success', logs };
    } catch (error) {
      if (!(error instanceof Revert)) throw error;
      this.journal.rollbackTo(mark);
      receipt = { id: tx.id, from: req.from, method: req.method, block: header.number, gasUsed, blobGasUsed, feeWei, status: 'reverted', revertReason: error.reason, logs: [] };
    }
    this.book.settle(receipt, req, blobHashes, header.number);
    return receipt;
  }

  private invoke(
    to: Address,
    sender: Address,
    method: string,
    args: readonly unknown[],
    value: bigint,
    block: BlockHeader,
    blobHashes: readonly Hex[],
    dataLength: number,
    txId: TxId,
    logs: L1Log[],
  ): unknown {
    const target = this.contracts.get(to);
    if (!target) throw new Revert(`no contract at ${to}`);
    const fn = target.impl[method];
    if (typeof fn !== 'function' || target.spec.views.includes(method)) throw new Revert(`${target.spec.name} has no method ${method}`);
    if (value > 0n) this.transfer(sender, to, value);
    const ctx = new MemoryCall(this.host, to, sender, value, block, blobHashes, dataLength, txId, logs);
    return (fn as (...xs: unknown[]) => unknown).call(target.impl, ctx, ...args);
  }

  private view<T>(address: Address, method: string, args: readonly unknown[]): T {
    const target = this.contracts.get(address);
    const fn = target?.impl[method];
    if (typeof fn !== 'function') throw new Revert(`no view ${method} at ${address}`);
    return (fn as (...xs: unknown[]) => T).apply(target!.impl, args as unknown[]);
  }

  private balance(address: Address): bigint {
    return this.balances.get(address.toLowerCase()) ?? 0n;
  }

  private credit(address: Address, wei: bigint): void {
    this.balances.set(address.toLowerCase(), this.balance(address) + wei);
  }

  private transfer(from: Address, to: Address, wei: bigint): void {
    if (wei < 0n) throw new Revert('negative transfer');
    if (this.balance(from) < wei) throw new Revert(`insufficient balance: ${from} holds ${this.balance(from)} wei, needs ${wei}`);
    this.credit(from, -wei);
    this.credit(to, wei);
  }

  private excessAt(height: number): bigint {
    return excessAt(this.blocks, height, this.schedule);
  }

  /** Undo entries of finalized blocks can never be used: drop them so long runs stay flat. */
  private forgetFinalizedUndo(): void {
    if (this.journal.mark() < 4_096) return;
    // Blocks are in height order: walk back over the reorganisable tail only.
    let i = this.blocks.length;
    while (i > 0 && this.blocks[i - 1]!.number > this.height - this.finalityDepth) i--;
    const mark = i < this.blocks.length ? this.blocks[i]!.mark : this.journal.mark();
    if (mark < 4_096) return;
    this.journal.forget(mark);
    for (let j = i; j < this.blocks.length; j++) this.blocks[j]!.mark -= mark;
  }
}

interface CallHost {
  transfer(from: Address, to: Address, wei: bigint): void;
  balance(address: Address): bigint;
  /** A nested call: no blobs, no payload of its own, same transaction and log list. */
  invoke(to: Address, sender: Address, method: string, args: readonly unknown[], value: bigint, block: BlockHeader, txId: TxId, logs: L1Log[]): unknown;
  view(address: Address, method: string, args: readonly unknown[]): unknown;
}

/**
 * One contract call's context. A class, not an object literal of closures: every mined
 * transaction makes one, and five fresh closures per call were measurable allocation in
 * the fuzz loop.
 */
class MemoryCall implements CallContext {
  constructor(
    private readonly host: CallHost,
    readonly self: Address,
    readonly sender: Address,
    readonly value: bigint,
    readonly block: BlockHeader,
    readonly blobHashes: readonly Hex[],
    readonly dataLength: number,
    private readonly txId: TxId,
    private readonly logs: L1Log[],
  ) {}

  emit(name: string, args: Record<string, unknown>): void {
    this.logs.push({ contract: this.self, name, args, block: this.block.number, tx: this.txId });
  }

  pay(recipient: Address, wei: bigint): void {
    this.host.transfer(this.self, recipient, wei);
  }

  balanceOf(address: Address): bigint {
    return this.host.balance(address);
  }

  call(callee: Address, method: string, args: readonly unknown[], value = 0n): unknown {
    return this.host.invoke(callee, this.self, method, args, value, this.block, this.txId, this.logs);
  }

  view<T>(callee: Address, method: string, args: readonly unknown[]): T {
    return this.host.view(callee, method, args) as T;
  }
}
