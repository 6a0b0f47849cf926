// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A validium's data-availability committee as the sequencer inbox reads it
/// (src/l1/contracts/data-committee.ts `certifiedUntil`): the L1 timestamp until which
/// `dataHash` is certified available, 0 if never.
interface IDataCommittee {
    function certifiedUntil(bytes32 dataHash) external view returns (uint64);
}
