// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A vault an operator runs: users deposit, the operator pays withdrawals out. With the
/// escape hatch, a user can also leave alone: request an exit, wait `exitDelayBlocks`, take
/// its whole balance. The delay is the operator's window to pay out pending withdrawals
/// first; the hatch is what makes the vault safe when the operator disappears.
///
/// `escapeHatch = false` is the vulnerable twin: the operator is the only way out.
contract EscapeHatchVault {
    address public immutable operator;
    uint64 public immutable exitDelayBlocks;
    bool public immutable escapeHatch;

    mapping(address => uint256) private balances;
    mapping(address => uint64) private exits;

    event Deposited(address user, uint256 amountWei);
    event Withdrawn(address user, uint256 amountWei);
    event ExitRequested(address user, uint64 exitAt);
    event Exited(address user, uint256 amountWei);

    constructor(address operator_, uint64 exitDelayBlocks_, bool escapeHatch_) {
        operator = operator_;
        exitDelayBlocks = exitDelayBlocks_;
        escapeHatch = escapeHatch_;
    }

    function deposit() external payable {
        require(msg.value > 0, "deposit needs value");
        balances[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    /// The fast path: the operator pays a user's withdrawal.
    function withdraw(address user, uint256 amountWei) external {
        require(msg.sender == operator, "only the operator can withdraw for a user");
        require(amountWei <= balances[user], "withdrawal exceeds the balance");
        balances[user] -= amountWei;
        pay(user, amountWei);
        emit Withdrawn(user, amountWei);
    }

    /// The escape hatch, step one: start the delay.
    function requestExit() external {
        require(escapeHatch, "this vault has no escape hatch");
        require(balances[msg.sender] > 0, "nothing to exit");
        uint64 due = uint64(block.number) + exitDelayBlocks;
        exits[msg.sender] = due;
        emit ExitRequested(msg.sender, due);
    }

    /// Step two, after the delay: the whole balance, without the operator.
    function exit() external {
        uint64 due = exits[msg.sender];
        require(due != 0, "no exit requested");
        require(block.number >= due, "exit delay is not over");
        uint256 amountWei = balances[msg.sender];
        balances[msg.sender] = 0;
        exits[msg.sender] = 0;
        pay(msg.sender, amountWei);
        emit Exited(msg.sender, amountWei);
    }

    function balanceOf(address user) external view returns (uint256) {
        return balances[user];
    }

    /// First block at which `user` may exit; 0 when no exit is requested.
    function exitAt(address user) external view returns (uint64) {
        return exits[user];
    }

    function pay(address to, uint256 amountWei) private {
        (bool paid, ) = to.call{value: amountWei}("");
        require(paid, "payment failed");
    }
}
