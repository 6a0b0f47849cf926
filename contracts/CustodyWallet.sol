// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// An exchange's L1 wallet: users pay in; only the custodian can pay out.
/// Held equal to src/l1/memory/contracts/custody-wallet.ts: same events, same revert reasons.
contract CustodyWallet {
    /// The one key that can move funds: the custodial trust model.
    address public immutable custodian;
    uint256 private total;

    event Deposit(address user, uint256 amountWei);
    event Released(address to, uint256 amountWei);

    constructor(address custodian_) {
        custodian = custodian_;
    }

    function deposit() external payable {
        require(msg.value > 0, "deposit needs value");
        total += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    /// With the custodian gone, no one else can call this: users have no exit through L1.
    function release(address to, uint256 amountWei) external {
        require(msg.sender == custodian, "only the custodian can release funds");
        require(amountWei <= total, "release exceeds holdings");
        total -= amountWei;
        (bool paid, ) = to.call{value: amountWei}("");
        require(paid, "payment failed");
        emit Released(to, amountWei);
    }

    function held() external view returns (uint256) {
        return total;
    }
}
