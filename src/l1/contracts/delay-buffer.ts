/**
 * Arbitrum's delay buffer (nitro-contracts `DelayBuffer.sol`, config from arb1.ts: max
 * 14,400 blocks, threshold 150 blocks, replenish 5 %): delayed messages the sequencer
 * leaves waiting longer than the threshold deplete a buffer, and force inclusion opens
 * after min(delayBlocks, buffer) — so a sequencer that keeps censoring shortens its own
 * grace period, while one that was merely offline recovers it over time.
 */
export interface DelayBufferConfig {
  /** Largest buffer. @defaultValue 14,400 blocks (48 h) on Arbitrum One */
  readonly maxBufferBlocks: number;
  /** Delay a message may see before it counts as unexpected. @defaultValue 150 blocks */
  readonly thresholdBlocks: number;
  /** Replenishment per elapsed block, in basis points. @defaultValue 500 (5 %) */
  readonly replenishRateBasisPoints: number;
}

/** The buffer's stored state: its size and the reference point of the last update. */
export interface DelayBufferState {
  readonly bufferBlocks: number;
  /** L1 block of the last delayed message sequenced. */
  readonly prevBlockNumber: number;
  /** How long that message had waited when it was sequenced. */
  readonly prevDelayBlocks: number;
}

export function initialBuffer(config: DelayBufferConfig): DelayBufferState {
  return { bufferBlocks: config.maxBufferBlocks, prevBlockNumber: 0, prevDelayBlocks: 0 };
}

/**
 * The buffer as of a message at `end`: depleted by the previous delay above the
 * threshold (at most by the blocks elapsed, saturating at the threshold), otherwise
 * replenished at the configured rate, saturating at the maximum.
 */
export function pendingBuffer(config: DelayBufferConfig, state: DelayBufferState, end: number): number {
  const elapsed = Math.max(0, end - state.prevBlockNumber);
  if (state.prevDelayBlocks > config.thresholdBlocks) {
    const unexpected = Math.min(state.prevDelayBlocks - config.thresholdBlocks, elapsed);
    return Math.max(config.thresholdBlocks, Math.max(0, state.bufferBlocks - unexpected));
  }
  if (state.bufferBlocks >= config.maxBufferBlocks) return state.bufferBlocks;
  const replenish = Math.floor((elapsed * config.replenishRateBasisPoints) / 10_000);
  return Math.min(config.maxBufferBlocks, state.bufferBlocks + replenish);
}

/** Records that a message from L1 block `messageBlock` was sequenced at `now`. */
export function updateBuffer(config: DelayBufferConfig, state: DelayBufferState, messageBlock: number, now: number): DelayBufferState {
  return { bufferBlocks: pendingBuffer(config, state, messageBlock), prevBlockNumber: messageBlock, prevDelayBlocks: now - messageBlock };
}

/** Blocks a message from `messageBlock` must wait before anyone may force it in. */
export function forceInclusionDelay(delayBlocks: number, config: DelayBufferConfig | null, state: DelayBufferState | null, messageBlock: number): number {
  if (!config || !state) return delayBlocks;
  return Math.min(delayBlocks, pendingBuffer(config, state, messageBlock));
}
