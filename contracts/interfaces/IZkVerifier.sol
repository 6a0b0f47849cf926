// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RollupState} from "../lib/RollupState.sol";
import {IStateCommitments} from "./IStateCommitments.sol";

/// The zk verifier (contracts/ZkVerifier.sol): a source of state roots like any other, plus
/// what the escape-hatch bridge reads to open the hatch and to reclaim uncredited deposits.
interface IZkVerifier is IStateCommitments {
    /// Delayed messages consumed by verified batches.
    function verifiedDelayedRead() external view returns (uint64);

    /// The four parts of the latest verified root.
    function verifiedRoots() external view returns (RollupState.StateRoots memory);

    function isFrozen() external view returns (bool);
}
