// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The sequencer inbox's views as other L1 contracts read them (src/l1/contracts/rollup-inbox.ts),
/// e.g. state commitments checking that a proposed root covers posted batches.
/// Implemented by contracts/SequencerInbox.sol.
interface ISequencerInbox {
    /// `None` is an entry that does not exist (the zero struct).
    enum Kind {
        None,
        Sequencer,
        Forced
    }

    enum DataLocation {
        Calldata,
        Blobs,
        None
    }

    /// src/l1/contracts/rollup-inbox.ts `BatchRecord`, field for field.
    struct BatchRecord {
        uint64 sequenceNumber;
        Kind kind;
        uint64 prevDelayedRead;
        uint64 afterDelayedRead;
        DataLocation dataLocation;
        /// keccak of the calldata, keccak of the concatenated blob hashes, or the declared hash.
        bytes32 dataHash;
        bytes32[] blobHashes;
        uint64 block;
        uint64 timestamp;
    }

    function batchCount() external view returns (uint64);

    function totalDelayedRead() external view returns (uint64);

    function batch(uint256 sequenceNumber) external view returns (BatchRecord memory);

    function forceInclusionEnabled() external view returns (bool);

    function forceInclusionDelay(uint256 messageBlock) external view returns (uint64);
}
