// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Test double of the sequencer inbox for test/anvil/state-commitments.differential.test.ts:
/// StateCommitments reads nothing from the inbox but `batchCount`, so the differential
/// runs post batches as bare counts (the batches' messages live in the test).
contract CountingInbox {
    uint64 public batchCount;

    event BatchPosted(uint64 batchCount);

    function post() external {
        batchCount += 1;
        emit BatchPosted(batchCount);
    }
}
