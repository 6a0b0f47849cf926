// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDataCommittee} from "./interfaces/IDataCommittee.sol";
import {IDelayedInbox} from "./interfaces/IDelayedInbox.sol";
import {ISequencerInbox} from "./interfaces/ISequencerInbox.sol";
import {Decimal} from "./lib/Decimal.sol";
import {DelayBuffer} from "./lib/DelayBuffer.sol";

/// Arbitrum's SequencerInbox: the sequencer posts batches (data in calldata or EIP-4844
/// blobs, read with BLOBHASH), and anyone can force in delayed messages that waited longer
/// than the delay bound. Every entry is an event; derivation reads those and nothing else.
///
/// Held equal to src/l1/memory/contracts/rollup-inbox.ts — same events, views and revert
/// reasons — by test/anvil/sequencer-inbox.differential.test.ts. The rollup's vulnerable
/// twins are constructor flags, exactly as the TypeScript `RollupInboxParams`:
///   no-forced-inclusion   forcedInclusion = false
///   commit-without-data   requireBatchData = false
/// A validium passes its data committee (address(0) for a rollup): a bare-hash batch then
/// lands while the committee certifies its hash.
contract SequencerInbox is ISequencerInbox {
    using Decimal for uint256;

    /// What the batch poster declares; the contract checks it against L1 state.
    struct BatchHeader {
        uint64 sequenceNumber;
        /// Delayed messages consumed once this batch is applied (Arbitrum's afterDelayedMessagesRead).
        uint64 afterDelayedRead;
        /// Earliest L1 block the batch may land in; 0 = unchecked.
        uint64 notBeforeBlock;
        /// Last L1 block the batch may land in; 0 = unchecked.
        uint64 deadlineBlock;
        /// keccak of the data, declared only when the data is withheld (hash-only batches).
        bytes32 dataHash;
    }

    address private immutable sequencer;
    IDelayedInbox private immutable delayedInbox;
    uint64 private immutable forceInclusionDelayBlocks;
    bool private immutable hasDelayBuffer;
    bool private immutable forcedInclusion;
    bool private immutable requireBatchData;
    IDataCommittee private immutable dataCommittee;
    DelayBuffer.Config private bufferConfig;
    DelayBuffer.State private buffer;

    mapping(uint256 => BatchRecord) private batches;
    uint64 private count;
    uint64 private delayedRead;

    event SequencerBatchData(uint64 sequenceNumber, bytes data);
    event SequencerBatchDelivered(
        uint64 sequenceNumber,
        Kind kind,
        uint64 prevDelayedRead,
        uint64 afterDelayedRead,
        DataLocation dataLocation,
        bytes32 dataHash,
        bytes32[] blobHashes,
        uint64 deliveredBlock,
        uint64 deliveredTimestamp
    );

    constructor(
        address sequencer_,
        IDelayedInbox delayedInbox_,
        uint64 forceInclusionDelayBlocks_,
        bool hasDelayBuffer_,
        DelayBuffer.Config memory bufferConfig_,
        bool forcedInclusion_,
        bool requireBatchData_,
        IDataCommittee dataCommittee_
    ) {
        sequencer = sequencer_;
        delayedInbox = delayedInbox_;
        forceInclusionDelayBlocks = forceInclusionDelayBlocks_;
        hasDelayBuffer = hasDelayBuffer_;
        forcedInclusion = forcedInclusion_;
        requireBatchData = requireBatchData_;
        dataCommittee = dataCommittee_;
        if (hasDelayBuffer_) {
            bufferConfig = bufferConfig_;
            buffer = DelayBuffer.initial(bufferConfig_);
        }
    }

    /// `hasData` false: the data travels in blobs or not at all (the TS `data` is null).
    /// With data, it is part of this call's calldata by construction.
    function addSequencerBatch(BatchHeader calldata header, bool hasData, bytes calldata data) external {
        require(msg.sender == sequencer, "only the sequencer posts batches");
        require(
            header.sequenceNumber == count,
            string.concat("bad sequence number ", uint256(header.sequenceNumber).toString(), ", expected ", uint256(count).toString())
        );
        // Arbitrum's DelayedBackwards / DelayedTooFar: a batch built before a force inclusion cannot land after it.
        require(
            header.afterDelayedRead >= delayedRead,
            string.concat("batch reads ", uint256(header.afterDelayedRead).toString(), " delayed messages, ", uint256(delayedRead).toString(), " are already sequenced")
        );
        uint256 delayedCount = delayedInbox.messageCount();
        require(
            header.afterDelayedRead <= delayedCount,
            string.concat("batch reads ", uint256(header.afterDelayedRead).toString(), " delayed messages, only ", delayedCount.toString(), " exist")
        );
        require(
            header.notBeforeBlock == 0 || block.number >= header.notBeforeBlock,
            string.concat("batch lands at ", block.number.toString(), ", before its bound ", uint256(header.notBeforeBlock).toString())
        );
        require(
            header.deadlineBlock == 0 || block.number <= header.deadlineBlock,
            string.concat("batch lands at ", block.number.toString(), ", past its deadline ", uint256(header.deadlineBlock).toString())
        );
        (DataLocation location, bytes32 dataHash, bytes32[] memory blobHashes) = locate(header, hasData, data);
        if (hasData) emit SequencerBatchData(header.sequenceNumber, data);
        record(Kind.Sequencer, header.afterDelayedRead, location, dataHash, blobHashes);
    }

    /// Moves delayed messages up to `newMessageCount` into the sequence, once the last one is old enough.
    function forceInclusion(uint64 newMessageCount) external {
        require(forcedInclusion, "force inclusion is not supported by this inbox");
        require(newMessageCount > delayedRead, string.concat("delayed messages up to ", uint256(newMessageCount).toString(), " are already sequenced"));
        uint256 delayedCount = delayedInbox.messageCount();
        require(newMessageCount <= delayedCount, string.concat("only ", delayedCount.toString(), " delayed messages exist"));
        IDelayedInbox.Message memory last = delayedInbox.message(newMessageCount - 1);
        uint256 opensAfter = uint256(last.block) + forceInclusionDelay(last.block);
        require(
            block.number > opensAfter,
            string.concat("delayed message ", uint256(last.index).toString(), " from block ", uint256(last.block).toString(), " can be forced after block ", opensAfter.toString())
        );
        record(Kind.Forced, newMessageCount, DataLocation.None, bytes32(0), new bytes32[](0));
    }

    function batchCount() external view returns (uint64) {
        return count;
    }

    function totalDelayedRead() external view returns (uint64) {
        return delayedRead;
    }

    function batch(uint256 sequenceNumber) external view returns (BatchRecord memory) {
        return batches[sequenceNumber];
    }

    function forceInclusionEnabled() external view returns (bool) {
        return forcedInclusion;
    }

    /// Blocks a delayed message from `messageBlock` must wait before it can be forced in, as of now.
    function forceInclusionDelay(uint256 messageBlock) public view returns (uint64) {
        if (!hasDelayBuffer) return forceInclusionDelayBlocks;
        uint256 pendingBuffer = DelayBuffer.pending(bufferConfig, buffer, messageBlock);
        if (pendingBuffer >= forceInclusionDelayBlocks) return forceInclusionDelayBlocks;
        // forge-lint: disable-next-line(unsafe-typecast) — below forceInclusionDelayBlocks, a uint64
        return uint64(pendingBuffer);
    }

    function locate(BatchHeader calldata header, bool hasData, bytes calldata data)
        private
        view
        returns (DataLocation location, bytes32 dataHash, bytes32[] memory blobHashes)
    {
        if (hasData) return (DataLocation.Calldata, keccak256(data), new bytes32[](0));
        blobHashes = carriedBlobHashes();
        if (blobHashes.length > 0) return (DataLocation.Blobs, keccak256(abi.encodePacked(blobHashes)), blobHashes);
        // A validium trades the data rule for the committee's word: a certificate that k members hold the data.
        // forge-lint: disable-next-line(block-timestamp) — certificates expire by L1 time, as in the TS contract
        if (address(dataCommittee) != address(0) && dataCommittee.certifiedUntil(header.dataHash) > block.timestamp) {
            return (DataLocation.None, header.dataHash, blobHashes);
        }
        // The data-availability rule of a rollup: the contract only accepts what anyone can read back.
        require(
            !requireBatchData,
            address(dataCommittee) != address(0)
                ? "batch data required: post it as calldata or blobs, or have the data committee certify it"
                : "batch data required: post it as calldata or blobs"
        );
        return (DataLocation.None, header.dataHash, blobHashes);
    }

    /// This transaction's EIP-4844 versioned hashes, in order (BLOBHASH is zero past the last one).
    function carriedBlobHashes() private view returns (bytes32[] memory hashes) {
        uint256 n;
        while (blobhash(n) != bytes32(0)) n++;
        hashes = new bytes32[](n);
        for (uint256 i; i < n; i++) hashes[i] = blobhash(i);
    }

    function record(Kind kind, uint64 afterDelayedRead, DataLocation location, bytes32 dataHash, bytes32[] memory blobHashes) private {
        uint64 prevDelayedRead = delayedRead;
        if (afterDelayedRead > prevDelayedRead) spendBuffer(afterDelayedRead - 1);
        BatchRecord memory entry = BatchRecord(count, kind, prevDelayedRead, afterDelayedRead, location, dataHash, blobHashes, uint64(block.number), uint64(block.timestamp));
        batches[entry.sequenceNumber] = entry;
        count = entry.sequenceNumber + 1;
        delayedRead = afterDelayedRead;
        emit SequencerBatchDelivered(entry.sequenceNumber, kind, prevDelayedRead, afterDelayedRead, location, dataHash, blobHashes, entry.block, entry.timestamp);
    }

    function spendBuffer(uint256 lastMessage) private {
        if (!hasDelayBuffer) return;
        IDelayedInbox.Message memory m = delayedInbox.message(lastMessage);
        buffer = DelayBuffer.update(bufferConfig, buffer, m.block, block.number);
    }
}
