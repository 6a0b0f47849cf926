import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { BlockHeader, L1Log } from '../L1.ts';

/**
 * Contract storage with an undo journal, the way an EVM client undoes a reverted call or a
 * reorged block: every write records how to put the old value back. Values are treated as
 * immutable — a contract replaces a struct, it never mutates one in place.
 */
export class Journal {
  private undo: Array<() => void> = [];

  record(restore: () => void): void {
    this.undo.push(restore);
  }

  mark(): number {
    return this.undo.length;
  }

  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()!();
  }

  /** Forgets undo entries below `mark` (finalized: no reorg can reach them). Returns how many. */
  forget(mark: number): number {
    this.undo.splice(0, mark);
    return mark;
  }
}

export class Slot<T> {
  constructor(
    private readonly journal: Journal,
    private current: T,
  ) {}

  get value(): T {
    return this.current;
  }

  set(value: T): void {
    const old = this.current;
    this.journal.record(() => {
      this.current = old;
    });
    this.current = value;
  }
}

export class Mapping<K extends string | number, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly journal: Journal) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    const had = this.entries.has(key);
    const old = this.entries.get(key);
    this.journal.record(() => (had ? this.entries.set(key, old as V) : this.entries.delete(key)));
    this.entries.set(key, value);
  }

  delete(key: K): void {
    if (!this.entries.has(key)) return;
    const old = this.entries.get(key) as V;
    this.journal.record(() => this.entries.set(key, old));
    this.entries.delete(key);
  }

  /** Keys in sorted order: never in insertion order, which a reorg can change. */
  keys(): K[] {
    return [...this.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What a contract sees during a call: Solidity's msg.*, block.*, emit and transfers. */
export interface CallContext {
  readonly self: Address;
  readonly sender: Address;
  readonly value: bigint;
  readonly block: BlockHeader;
  /** Versioned hashes of the blobs the transaction carries (BLOBHASH). */
  readonly blobHashes: readonly Hex[];
  /** Size in bytes of the call's payload (for size limits enforced on chain). */
  readonly dataLength: number;
  emit(name: string, args: Record<string, unknown>): void;
  /** Sends wei from this contract to `to`; reverts if the contract cannot cover it. */
  pay(to: Address, wei: bigint): void;
  balanceOf(address: Address): bigint;
  /** Calls another contract as this contract (msg.sender = self). */
  call(to: Address, method: string, args: readonly unknown[], value?: bigint): unknown;
  /** Reads another contract's view. */
  view<T = unknown>(to: Address, method: string, args: readonly unknown[]): T;
}

export interface ContractEnv {
  readonly address: Address;
  readonly journal: Journal;
  slot<T>(initial: T): Slot<T>;
  mapping<K extends string | number, V>(): Mapping<K, V>;
}

export type LogSink = (log: Omit<L1Log, 'block' | 'tx'>) => void;
