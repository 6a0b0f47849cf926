// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDelayedInbox} from "./interfaces/IDelayedInbox.sol";

/// Arbitrum's delayed inbox / OP's deposit queue: anyone may append an L2 transaction here
/// on L1, and the sequencer must eventually sequence it — or anyone may force it in after
/// the delay (SequencerInbox.forceInclusion). Deposits arrive from the bridge only.
///
/// Held equal to src/l1/memory/contracts/delayed-inbox.ts — same events, views and revert
/// reasons — by test/anvil/delayed-inbox.differential.test.ts. It has no vulnerable twin:
/// the rollup's twins are flags of SequencerInbox and RollupBridge.
contract DelayedInbox is IDelayedInbox {
    /// What a forced L2 transaction asks for; its sender is msg.sender, so it needs no signature.
    struct ForcedTransaction {
        Action action;
        address to;
        uint256 amountWei;
        /// Withdraw the whole balance at execution time.
        bool all;
    }

    address private immutable deployer;
    address private bridge;
    mapping(uint256 => Message) private messages;
    uint64 private count;

    event MessageDelivered(
        uint64 index,
        Kind kind,
        address sender,
        address to,
        uint256 amountWei,
        Action action,
        bool all,
        uint64 arrivalBlock,
        uint64 arrivalTimestamp
    );

    constructor(address deployer_) {
        deployer = deployer_;
    }

    /// One-shot wiring to the bridge, as Arbitrum's Bridge sets its inboxes.
    function initialize(address bridge_) external {
        require(msg.sender == deployer, "only the deployer can initialize");
        require(bridge == address(0), "already initialized");
        bridge = bridge_;
    }

    /// Only the bridge enqueues deposits: it holds the escrowed value they credit on L2.
    function enqueueDeposit(address sender, address to, uint256 amountWei) external {
        require(bridge != address(0) && msg.sender == bridge, "only the bridge enqueues deposits");
        append(Kind.Deposit, sender, to, amountWei, Action.Deposit, false);
    }

    function sendTransaction(ForcedTransaction calldata forced) external {
        require(forced.action == Action.Transfer || forced.action == Action.Withdraw, "unknown forced action deposit");
        append(Kind.Transaction, msg.sender, forced.to, forced.amountWei, forced.action, forced.all);
    }

    function messageCount() external view returns (uint64) {
        return count;
    }

    function message(uint256 index) external view returns (Message memory) {
        return messages[index];
    }

    function append(Kind kind, address sender, address to, uint256 amountWei, Action action, bool all) private {
        Message memory m = Message(count, kind, sender, to, amountWei, action, all, uint64(block.number), uint64(block.timestamp));
        messages[m.index] = m;
        count = m.index + 1;
        emit MessageDelivered(m.index, kind, sender, to, amountWei, action, all, m.block, m.timestamp);
    }
}
