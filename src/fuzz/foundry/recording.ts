import type { Address } from '../../crypto/accounts.ts';
import type { L1, L1Observer, MinedBlock, TxId, TxRequest } from '../../l1/L1.ts';

/** One transaction as it reached a contract: who sent it, what it called, and how it ended. */
export interface RecordedCall {
  readonly from: Address;
  readonly to: Address;
  readonly method: string;
  readonly args: readonly unknown[];
  readonly valueWei: bigint;
  readonly status: 'success' | 'reverted';
  readonly revertReason?: string;
}

export interface RecordedBlock {
  readonly number: number;
  readonly timestamp: number;
  readonly calls: readonly RecordedCall[];
}

/**
 * The canonical L1 history of a run, call by call: what a Solidity test must replay to
 * reach the same chain state. Built from mined receipts, so a censored transaction that
 * never landed is absent, a reverted one is present (it reached the contract), and blocks
 * a reorg dropped are forgotten (their transactions come back when they are mined again).
 */
export class CallRecording implements L1Observer {
  private readonly requests = new Map<TxId, TxRequest>();
  private readonly canonical: RecordedBlock[] = [];
  private head = 0;

  static attach(l1: L1): CallRecording {
    const recording = new CallRecording();
    l1.observe(recording);
    return recording;
  }

  get blocks(): readonly RecordedBlock[] {
    return this.canonical.filter((b) => b.calls.length > 0);
  }

  sent(id: TxId, tx: TxRequest): void {
    this.requests.set(id, tx);
  }

  mined(block: MinedBlock): void {
    this.head = block.number;
    const calls = block.txs.map((receipt): RecordedCall => {
      const tx = this.requests.get(receipt.id);
      if (!tx) throw new Error(`transaction ${receipt.id} was mined but never seen sent: the recording started too late`);
      if (receipt.status === 'pending') throw new Error(`transaction ${receipt.id} is in block ${block.number} but still pending`);
      const outcome = receipt.status === 'reverted' ? { status: receipt.status, revertReason: receipt.revertReason } : { status: receipt.status };
      return { from: tx.from, to: tx.to, method: tx.method, args: tx.args, valueWei: tx.value ?? 0n, ...outcome };
    });
    this.canonical.push({ number: block.number, timestamp: block.timestamp, calls });
  }

  skipped(_from: number, to: number): void {
    this.head = to;
  }

  reorged(depth: number): void {
    this.head -= depth;
    while (this.canonical.length > 0 && this.canonical[this.canonical.length - 1]!.number > this.head) this.canonical.pop();
  }
}
