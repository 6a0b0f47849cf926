// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDelayedInbox} from "./interfaces/IDelayedInbox.sol";
import {IStateCommitments} from "./interfaces/IStateCommitments.sol";
import {Decimal} from "./lib/Decimal.sol";
import {HexText} from "./lib/HexText.sol";
import {RollupState} from "./lib/RollupState.sol";

/// The rollup's L1 bridge: deposits are escrowed here and queued as delayed messages;
/// withdrawals burned on L2 are released against a Merkle proof into a state root. Escrow
/// is the only place the rollup's value lives on L1, so what it pays out is exactly what
/// the roots it trusts say was burned.
///
/// Held equal to src/l1/memory/contracts/bridge.ts — same events, views and revert reasons —
/// by test/anvil/rollup-bridge.differential.test.ts. Vulnerable twin, a constructor flag as
/// the TypeScript `RollupBridgeParams`:
///   instant-withdrawal   requireFinalRoot = false (pays against roots still open to challenge)
///
/// Extending it (the zk rollup's EscapeHatchBridge, src/l1/memory/contracts/escape-hatch.ts):
/// inherit, pass the roots source (anything implementing IStateCommitments, e.g. ZkVerifier)
/// to this constructor, and
///   - override `beforeDeposit()` to close deposits (e.g. once the rollup is frozen);
///   - override `finalizeWithdrawal` for other finality rules or reasons, built from
///     `provenCommitment`-style checks, `markPaid(w)` and `release(to, amountWei)`;
///   - pay anything else (escapes, reclaimed deposits) through `release`, which keeps
///     `escrowedWei` equal to what the contract holds.
/// State is internal (`escrow`, `paidTotal`, `paid`) so an extension reads and extends it.
contract RollupBridge {
    using Decimal for uint256;

    IDelayedInbox internal immutable delayedInbox;
    IStateCommitments internal immutable commitments;
    /// Withdrawals need a final root (the optimistic twin `instant-withdrawal` turns this off).
    bool internal immutable requireFinalRoot;

    uint256 internal escrow;
    uint256 internal paidTotal;
    mapping(uint256 => bool) internal paid;

    /// `finalWhenPaid`: what the commitments contract said at payment time (the TS event's
    /// `final`, a Solidity keyword; the spec's event adapter renames it).
    event WithdrawalFinalized(uint64 index, address to, uint256 amountWei, uint64 commitmentIndex, bool finalWhenPaid);

    constructor(IDelayedInbox delayedInbox_, IStateCommitments commitments_, bool requireFinalRoot_) {
        delayedInbox = delayedInbox_;
        commitments = commitments_;
        requireFinalRoot = requireFinalRoot_;
    }

    /// Escrows msg.value and credits `l2Recipient` on L2 once the deposit is sequenced.
    function deposit(address l2Recipient) external payable {
        require(msg.value > 0, "deposit needs value");
        beforeDeposit();
        escrow += msg.value;
        delayedInbox.enqueueDeposit(msg.sender, l2Recipient, msg.value);
    }

    /// Pays withdrawal `w` to its recipient if `proof` shows it under final commitment `commitmentIndex`. Anyone may call.
    function finalizeWithdrawal(uint64 commitmentIndex, RollupState.WithdrawalLeaf calldata w, RollupState.WithdrawalProof calldata proof) external virtual {
        string memory index = uint256(commitmentIndex).toString();
        IStateCommitments.Commitment memory c = commitments.commitment(commitmentIndex);
        require(c.proposer != address(0), string.concat("no commitment ", index));
        bool isFinal = commitments.isFinalAt(commitmentIndex, block.number);
        require(isFinal || !requireFinalRoot, string.concat("commitment ", index, " is not final yet"));
        require(
            RollupState.withdrawalProven(c.stateRoot, w, proof),
            string.concat("withdrawal ", uint256(w.index).toString(), " is not in commitment ", index)
        );
        markPaid(w);
        release(w.to, w.amountWei);
        emit WithdrawalFinalized(w.index, w.to, w.amountWei, commitmentIndex, isFinal);
    }

    function escrowedWei() external view returns (uint256) {
        return escrow;
    }

    function paidWei() external view returns (uint256) {
        return paidTotal;
    }

    function isPaid(uint256 withdrawalIndex) external view returns (bool) {
        return paid[withdrawalIndex];
    }

    /// Hook: reverts to refuse a deposit (after the value check). Open by default.
    function beforeDeposit() internal view virtual {}

    /// A withdrawal leaf is paid at most once, whichever root proved it.
    function markPaid(RollupState.WithdrawalLeaf calldata w) internal {
        require(!paid[w.index], string.concat("withdrawal ", uint256(w.index).toString(), " was already paid"));
        paid[w.index] = true;
        paidTotal += w.amountWei;
    }

    /// Pays out of escrow. The TS twin reverts on a transfer beyond the contract's balance with this reason.
    function release(address to, uint256 amountWei) internal {
        uint256 held = address(this).balance;
        require(
            held >= amountWei,
            string.concat("insufficient balance: ", HexText.ofAddress(address(this)), " holds ", held.toString(), " wei, needs ", amountWei.toString())
        );
        escrow -= amountWei;
        if (amountWei > 0) {
            (bool ok, ) = to.call{value: amountWei}("");
            require(ok, "payment failed");
        }
    }
}
