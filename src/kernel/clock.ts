/**
 * L1 time. Ethereum slots are 12 s; L2 blocks come every 2 s inside them (Arbitrum and
 * OP Stack both target 2 s or less). Heights and timestamps are derived, never read from
 * a wall clock, so a 45,818-block window is arithmetic, not waiting.
 */
export const L1_BLOCK_SECONDS = 12;
export const L2_BLOCK_SECONDS = 2;
/** Genesis of every simulated L1 (and of anvil runs): a fixed, arbitrary instant. */
export const GENESIS_TIMESTAMP = 1_700_000_000;

export function timestampOf(height: number): number {
  return GENESIS_TIMESTAMP + L1_BLOCK_SECONDS * height;
}

/** The first L1 height whose timestamp is at or after `timestamp`. */
export function heightAt(timestamp: number): number {
  return Math.max(0, Math.ceil((timestamp - GENESIS_TIMESTAMP) / L1_BLOCK_SECONDS));
}

export function blocksForSeconds(seconds: number): number {
  return Math.ceil(seconds / L1_BLOCK_SECONDS);
}
