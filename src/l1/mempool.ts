import type { Address } from '../crypto/accounts.ts';
import type { TxId, TxRequest } from './L1.ts';

export interface PendingTx {
  readonly id: TxId;
  readonly request: TxRequest;
  /** Submission order: the default inclusion order (anvil's `--order fifo`). */
  readonly seq: number;
}

/**
 * What the adversary may do to L1 inclusion: censor a sender, hold back one transaction,
 * price others out with a fee floor, or put its own transactions first. Every rule has an
 * end height — a budget the capability chose — after which inclusion returns to normal,
 * which is the assumption every L1-based defence rests on.
 */
export interface InclusionPolicy {
  censor(sender: Address, untilHeight: number): void;
  exclude(tx: TxId, untilHeight: number): void;
  congest(feeFloorWei: bigint, untilHeight: number): void;
  prioritize(sender: Address): void;
  clear(): void;
}

export class Mempool implements InclusionPolicy {
  private pending: PendingTx[] = [];
  private seq = 0;
  private censored = new Map<string, number>();
  private excluded = new Map<TxId, number>();
  private floor: { wei: bigint; until: number } | undefined;
  private first = new Set<string>();

  add(id: TxId, request: TxRequest): void {
    this.pending.push({ id, request, seq: this.seq++ });
  }

  /** Puts reorged-out transactions back, ahead of newer ones, in their original order. */
  restore(txs: readonly PendingTx[]): void {
    this.pending = [...txs, ...this.pending];
  }

  get size(): number {
    return this.pending.length;
  }

  censor(sender: Address, untilHeight: number): void {
    this.censored.set(sender.toLowerCase(), Math.max(untilHeight, this.censored.get(sender.toLowerCase()) ?? 0));
  }

  exclude(tx: TxId, untilHeight: number): void {
    this.excluded.set(tx, untilHeight);
  }

  congest(feeFloorWei: bigint, untilHeight: number): void {
    this.floor = { wei: feeFloorWei, until: untilHeight };
  }

  prioritize(sender: Address): void {
    this.first.add(sender.toLowerCase());
  }

  clear(): void {
    this.censored.clear();
    this.excluded.clear();
    this.floor = undefined;
    this.first.clear();
  }

  /** The first height at which `tx` may be included under the current rules. */
  earliestHeight(tx: PendingTx, nextHeight: number): number {
    let h = nextHeight;
    const censoredUntil = this.censored.get(tx.request.from.toLowerCase());
    if (censoredUntil !== undefined) h = Math.max(h, censoredUntil + 1);
    const excludedUntil = this.excluded.get(tx.id);
    if (excludedUntil !== undefined) h = Math.max(h, excludedUntil + 1);
    if (this.floor && (tx.request.maxFeePerGas ?? 0n) < this.floor.wei) h = Math.max(h, this.floor.until + 1);
    return h;
  }

  nextInclusionHeight(nextHeight: number): number {
    let best = Infinity;
    for (const tx of this.pending) best = Math.min(best, this.earliestHeight(tx, nextHeight));
    return best;
  }

  /** Removes and returns the transactions admitted at `height`, prioritized senders first. */
  take(height: number, admit: (tx: PendingTx) => boolean = () => true): PendingTx[] {
    const chosen: PendingTx[] = [];
    const kept: PendingTx[] = [];
    const ordered = [...this.pending].sort((a, b) => this.rank(a) - this.rank(b) || a.seq - b.seq);
    for (const tx of ordered) {
      if (this.earliestHeight(tx, height) <= height && admit(tx)) chosen.push(tx);
      else kept.push(tx);
    }
    this.pending = kept.sort((a, b) => a.seq - b.seq);
    return chosen;
  }

  private rank(tx: PendingTx): number {
    return this.first.has(tx.request.from.toLowerCase()) ? 0 : 1;
  }
}
