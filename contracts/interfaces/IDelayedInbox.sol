// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The delayed inbox as other L1 contracts read it (src/l1/contracts/delayed-inbox.ts):
/// the sequencer inbox checks counts and arrival blocks, the bridge enqueues deposits, an
/// escape hatch reads deposits back. Implemented by contracts/DelayedInbox.sol.
interface IDelayedInbox {
    /// `None` is a message that does not exist (the zero struct).
    enum Kind {
        None,
        Deposit,
        Transaction
    }

    enum Action {
        Deposit,
        Transfer,
        Withdraw
    }

    /// src/l1/contracts/delayed-inbox.ts `DelayedMessage`, field for field.
    struct Message {
        uint64 index;
        Kind kind;
        address sender;
        address to;
        uint256 amountWei;
        Action action;
        bool all;
        /// L1 block and timestamp of arrival: the delay bound counts from here.
        uint64 block;
        uint64 timestamp;
    }

    function enqueueDeposit(address sender, address to, uint256 amountWei) external;

    function messageCount() external view returns (uint64);

    function message(uint256 index) external view returns (Message memory);
}
