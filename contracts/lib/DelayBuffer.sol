// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Arbitrum's delay buffer (nitro-contracts DelayBuffer.sol; arb1 config: max 14,400 blocks,
/// threshold 150 blocks, replenish 5 %), exactly as src/l1/contracts/delay-buffer.ts computes
/// it: delayed messages the sequencer leaves waiting past the threshold deplete the buffer,
/// and force inclusion opens after min(delayBlocks, buffer) — a censoring sequencer shortens
/// its own grace period, one that was merely offline recovers it over time.
library DelayBuffer {
    struct Config {
        uint64 maxBufferBlocks;
        uint64 thresholdBlocks;
        uint64 replenishRateBasisPoints;
    }

    struct State {
        uint256 bufferBlocks;
        /// L1 block of the last delayed message sequenced.
        uint256 prevBlockNumber;
        /// How long that message had waited when it was sequenced.
        uint256 prevDelayBlocks;
    }

    function initial(Config memory config) internal pure returns (State memory) {
        return State(config.maxBufferBlocks, 0, 0);
    }

    /// The buffer as of a message at `end`: depleted by the previous delay above the
    /// threshold (at most by the blocks elapsed, saturating at the threshold), otherwise
    /// replenished at the configured rate, saturating at the maximum.
    function pending(Config memory config, State memory state, uint256 end) internal pure returns (uint256) {
        uint256 elapsed = end > state.prevBlockNumber ? end - state.prevBlockNumber : 0;
        if (state.prevDelayBlocks > config.thresholdBlocks) {
            uint256 unexpected = min(state.prevDelayBlocks - config.thresholdBlocks, elapsed);
            uint256 left = state.bufferBlocks > unexpected ? state.bufferBlocks - unexpected : 0;
            return left > config.thresholdBlocks ? left : config.thresholdBlocks;
        }
        if (state.bufferBlocks >= config.maxBufferBlocks) return state.bufferBlocks;
        uint256 replenish = (elapsed * config.replenishRateBasisPoints) / 10_000;
        return min(config.maxBufferBlocks, state.bufferBlocks + replenish);
    }

    /// Records that a message from L1 block `messageBlock` was sequenced at `now`.
    function update(Config memory config, State memory state, uint256 messageBlock, uint256 now_) internal pure returns (State memory) {
        return State(pending(config, state, messageBlock), messageBlock, now_ - messageBlock);
    }

    function min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
