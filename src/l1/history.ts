import { excessAfterEmptyBlocks, nextExcessBlobGas, type BlobSchedule } from './gas.ts';
import type { L1Log, LogFilter, MinedBlock, TxId, TxReceipt, TxRequest } from './L1.ts';

/**
 * What every backend derives from the blocks it keeps client-side, the same way: the
 * log query, the blob-fee excess after a reorg, the receipt of a transaction not yet mined.
 */
export interface KeptBlock extends MinedBlock {
  /** Excess blob gas before this block: where the blob-fee market stood when it was built. */
  readonly excessBefore: bigint;
}

/** `blocks` ascend by number (mined in order, a reorg pops from the end). */
export function matchingLogs(blocks: readonly MinedBlock[], filter: LogFilter): L1Log[] {
  const out: L1Log[] = [];
  // Parties poll "logs since block N" every block: start at N, not at genesis.
  for (let i = firstAtOrAfter(blocks, filter.fromBlock ?? 0); i < blocks.length; i++) {
    const block = blocks[i]!;
    for (const r of block.txs) {
      for (const log of r.logs) {
        if (filter.contract && log.contract !== filter.contract) continue;
        if (filter.name && log.name !== filter.name) continue;
        out.push(log);
      }
    }
  }
  return out;
}

function firstAtOrAfter(blocks: readonly MinedBlock[], number: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid]!.number < number) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The excess blob gas at `height`, from the last kept block at or below it and the empty blocks since. */
export function excessAt(blocks: readonly KeptBlock[], height: number, schedule: BlobSchedule): bigint {
  const last = blocks[blocks.length - 1];
  if (!last) return excessAfterEmptyBlocks(0n, height, schedule);
  const after = nextExcessBlobGas(last.excessBefore, last.blobGasUsed, schedule);
  return excessAfterEmptyBlocks(after, height - last.number, schedule);
}

export function pendingReceipt(id: TxId, tx: TxRequest): TxReceipt {
  return { id, from: tx.from, method: tx.method, status: 'pending', gasUsed: 0n, blobGasUsed: 0n, feeWei: 0n, logs: [] };
}
