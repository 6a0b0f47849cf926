// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RollupBridge} from "./RollupBridge.sol";
import {IDelayedInbox} from "./interfaces/IDelayedInbox.sol";
import {IStateCommitments} from "./interfaces/IStateCommitments.sol";
import {IZkVerifier} from "./interfaces/IZkVerifier.sol";
import {Decimal} from "./lib/Decimal.sol";
import {HexText} from "./lib/HexText.sol";
import {RollupState} from "./lib/RollupState.sol";

/// The zk rollup's L1 bridge with StarkEx's escape hatch (src/l1/memory/contracts/escape-hatch.ts):
/// the rollup bridge's deposits, escrow and withdrawal payments, except that verified roots
/// are final at once; once the verifier is frozen (a forced request waited past its
/// deadline), deposits stop and every user takes its balance out with a Merkle proof of its
/// account leaf against the last verified root (StarkEx `escape` after `freezeRequest`), and
/// a deposit no verified batch credited goes back to its sender.
///
/// Twin flag: `escapeHatch` off is `no-escape-hatch` — the freeze strands every balance.
contract EscapeHatchBridge is RollupBridge {
    /// An account leaf with what opens the last verified state root around it.
    struct AccountExitProof {
        uint256 balanceWei;
        uint64 nonce;
        uint64 index;
        bytes32[] siblings;
        bytes32 withdrawalsRoot;
        uint64 accountCount;
        uint64 withdrawalCount;
    }

    event Escaped(address account, uint256 amountWei, uint64 commitmentIndex);
    event DepositReclaimed(uint64 index, address to, uint256 amountWei);

    IZkVerifier internal immutable verifier;
    bool internal immutable escapeHatch;

    mapping(address => bool) internal escaped;
    uint256 internal escapedTotal;
    mapping(uint256 => bool) internal reclaimed;

    constructor(IDelayedInbox delayedInbox_, IZkVerifier verifier_, bool escapeHatch_) RollupBridge(delayedInbox_, verifier_, true) {
        verifier = verifier_;
        escapeHatch = escapeHatch_;
    }

    /// Verified roots are final, so a withdrawal is paid as soon as its batch is proven (and still after a freeze).
    function finalizeWithdrawal(uint64 commitmentIndex, RollupState.WithdrawalLeaf calldata w, RollupState.WithdrawalProof calldata proof) external override {
        IStateCommitments.Commitment memory c = verifier.commitment(commitmentIndex);
        require(c.proposer != address(0), string.concat("no verified root ", Decimal.toString(commitmentIndex)));
        require(
            RollupState.withdrawalProven(c.stateRoot, w, proof),
            string.concat("withdrawal ", Decimal.toString(w.index), " is not in verified root ", Decimal.toString(commitmentIndex))
        );
        markPaid(w);
        release(w.to, w.amountWei);
        // The base event's `finalWhenPaid` is always true here; the spec's event adapter drops it (the TS event has no such field).
        emit WithdrawalFinalized(w.index, w.to, w.amountWei, commitmentIndex, true);
    }

    /// Pays `account` its balance in the last verified root, once, while the rollup is frozen. Anyone may call.
    function escape(address account, AccountExitProof calldata proof) external {
        require(escapeHatch, "this rollup has no escape hatch");
        require(verifier.isFrozen(), "the escape hatch opens only once the rollup is frozen");
        require(!escaped[account], string.concat(HexText.ofAddress(account), " has already escaped"));
        IStateCommitments.Commitment memory latest = verifier.commitment(verifier.count() - 1);
        bytes32 leaf = RollupState.accountLeaf(account, proof.balanceWei, proof.nonce);
        require(proof.siblings.length == RollupState.ACCOUNT_TREE_DEPTH && proof.index < proof.accountCount, "malformed account proof");
        bytes32 accountsRoot = RollupState.rootFromProof(leaf, proof.index, proof.siblings);
        require(RollupState.verifyMerkleProof(accountsRoot, leaf, proof.index, proof.siblings, RollupState.ACCOUNT_TREE_DEPTH), "malformed account proof");
        bytes32 root = RollupState.stateRootOf(RollupState.StateRoots(accountsRoot, proof.withdrawalsRoot, proof.accountCount, proof.withdrawalCount));
        require(root == latest.stateRoot, string.concat("account ", HexText.ofAddress(account), " is not in the last verified root"));
        escaped[account] = true;
        escapedTotal += proof.balanceWei;
        release(account, proof.balanceWei);
        emit Escaped(account, proof.balanceWei, latest.index);
    }

    /// Returns deposit `delayedIndex` to its sender while frozen, if no verified batch credited it (StarkEx deposit reclaim).
    function reclaimDeposit(uint64 delayedIndex) external {
        require(verifier.isFrozen(), "deposits are reclaimed only once the rollup is frozen");
        IDelayedInbox.Message memory m = delayedInbox.message(delayedIndex);
        require(m.kind == IDelayedInbox.Kind.Deposit, string.concat("delayed message ", Decimal.toString(delayedIndex), " is not a deposit"));
        require(delayedIndex >= verifier.verifiedDelayedRead(), string.concat("deposit ", Decimal.toString(delayedIndex), " was credited by a verified batch"));
        require(!reclaimed[delayedIndex], string.concat("deposit ", Decimal.toString(delayedIndex), " was already reclaimed"));
        reclaimed[delayedIndex] = true;
        release(m.sender, m.amountWei);
        emit DepositReclaimed(delayedIndex, m.sender, m.amountWei);
    }

    function isReclaimed(uint256 delayedIndex) external view returns (bool) {
        return reclaimed[delayedIndex];
    }

    function hasEscaped(address account) external view returns (bool) {
        return escaped[account];
    }

    function escapedWei() external view returns (uint256) {
        return escapedTotal;
    }

    /// Deposits close with the freeze: nothing could credit them on L2 any more.
    function beforeDeposit() internal view override {
        require(!verifier.isFrozen(), "the rollup is frozen: deposits are closed");
    }
}
