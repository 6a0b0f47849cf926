import { GENESIS_TIMESTAMP, L1_BLOCK_SECONDS, timestampOf } from '../../kernel/clock.ts';
import type { L2Block } from './batch.ts';

/**
 * How far an L2 block may sit from the L1 block its batch lands in. Arbitrum's
 * maxTimeVariation (delayBlocks / futureBlocks / delaySeconds / futureSeconds) and OP's
 * sequencing window (a batch must land within seq_window_size L1 blocks of its epoch;
 * timestamps may run at most max_sequencer_drift ahead) are both this rule.
 */
export interface TimeBounds {
  /** An L2 block's origin may be at most this many L1 blocks before the batch's inclusion. */
  readonly delayBlocks: number;
  /** …and at most this many after it (tolerates small L1 reorgs; Arbitrum raised it 12 → 64). */
  readonly futureBlocks: number;
  readonly delaySeconds: number;
  readonly futureSeconds: number;
}

/** Why an L2 block is outside its bounds when its batch lands at `inclusionBlock`, or undefined if it is inside. */
export function outsideTimeBounds(block: L2Block, inclusionBlock: number, bounds: TimeBounds): string | undefined {
  const ts = timestampOf(inclusionBlock);
  if (block.origin < inclusionBlock - bounds.delayBlocks) return `origin ${block.origin} is more than ${bounds.delayBlocks} blocks before inclusion at ${inclusionBlock}`;
  if (block.origin > inclusionBlock + bounds.futureBlocks) return `origin ${block.origin} is more than ${bounds.futureBlocks} blocks after inclusion at ${inclusionBlock}`;
  if (block.timestamp < ts - bounds.delaySeconds) return `timestamp ${block.timestamp} is more than ${bounds.delaySeconds} s before inclusion at ${ts}`;
  if (block.timestamp > ts + bounds.futureSeconds) return `timestamp ${block.timestamp} is more than ${bounds.futureSeconds} s after inclusion at ${ts}`;
  return undefined;
}

/** The L1 blocks a batch of these L2 blocks may land in, as [notBefore, deadline] (empty if notBefore > deadline). */
export function inclusionWindow(blocks: readonly L2Block[], bounds: TimeBounds): { notBeforeBlock: number; deadlineBlock: number } {
  let notBefore = 1;
  let deadline = Number.MAX_SAFE_INTEGER;
  for (const b of blocks) {
    notBefore = Math.max(notBefore, b.origin - bounds.futureBlocks, Math.ceil((b.timestamp - bounds.futureSeconds - GENESIS_TIMESTAMP) / L1_BLOCK_SECONDS));
    deadline = Math.min(deadline, b.origin + bounds.delayBlocks, Math.floor((b.timestamp + bounds.delaySeconds - GENESIS_TIMESTAMP) / L1_BLOCK_SECONDS));
  }
  return { notBeforeBlock: notBefore, deadlineBlock: deadline };
}
