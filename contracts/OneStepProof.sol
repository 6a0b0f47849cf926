// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IOneStepProof} from "./interfaces/IOneStepProof.sol";
import {Decimal} from "./lib/Decimal.sol";
import {HexText} from "./lib/HexText.sol";
import {RollupState} from "./lib/RollupState.sol";

/// The one-step proof (src/l1/contracts/one-step-proof.ts): what L1 re-executes at the end
/// of a bisection. Stateless, like Arbitrum's OneStepProver and OP's MIPS VM: the dispute
/// game hands it the agreed pre-state root and the disputed step, and it answers the
/// post-state root the rules give — the rules being RollupState.applyTransaction over the
/// leaves the witness proves, so L1 has one definition of the transition. Internal, so the
/// dispute game carries it inline and nothing needs deploying or linking.
library OneStepProof {
    /// One account leaf to write, proven against the pre-state accounts root.
    struct LeafUpdate {
        uint256 index;
        bytes32 leaf;
        bytes32[] siblings;
    }

    function executeStep(bytes32 preRoot, bytes32 messagesRoot, uint256 step, IOneStepProof.StepWitness memory w)
        internal
        pure
        returns (bool ok, bytes32 postRoot, string memory reason)
    {
        if (RollupState.stateRootOf(w.pre) != preRoot) return (false, bytes32(0), "witness pre-state does not match the agreed root");
        if (!RollupState.verifyMerkleProof(messagesRoot, RollupState.messageLeaf(w.message), step, w.messageSiblings, RollupState.MESSAGE_TREE_DEPTH)) {
            return (false, bytes32(0), string.concat("message is not step ", Decimal.toString(step), " of the segment"));
        }
        uint64 fresh;
        (fresh, reason) = checkWitnesses(w);
        if (bytes(reason).length != 0) return (false, bytes32(0), reason);
        RollupState.Effect memory effect = RollupState.applyTransaction(preAccounts(w.accounts), w.message);
        if (!effect.ok) return (true, preRoot, "");
        return postStateRoot(w, effect, fresh);
    }

    /// Every touched account is shown, in order, each present at its proven leaf or absent at
    /// the next free index; `fresh` counts the absent ones (the accounts a success creates).
    function checkWitnesses(IOneStepProof.StepWitness memory w) private pure returns (uint64 fresh, string memory reason) {
        address[] memory touched = RollupState.touchedBy(w.message);
        if (w.accounts.length != touched.length) return (0, "witness must show every touched account");
        for (uint256 i = 0; i < touched.length; i++) {
            IOneStepProof.AccountWitness memory a = w.accounts[i];
            if (a.account != touched[i]) {
                return (0, string.concat("witness account ", Decimal.toString(i), " is not ", HexText.ofAddress(touched[i])));
            }
            reason = a.present ? checkPresent(w.pre, a) : checkAbsent(w.pre, a, w.pre.accountCount + fresh++);
            if (bytes(reason).length != 0) return (0, reason);
        }
    }

    function checkPresent(RollupState.StateRoots memory pre, IOneStepProof.AccountWitness memory a) private pure returns (string memory) {
        if (a.index >= pre.accountCount) {
            return string.concat(
                "account ", HexText.ofAddress(a.account), " claimed at index ", Decimal.toString(a.index), ", past the ", Decimal.toString(pre.accountCount), " accounts"
            );
        }
        bytes32 leaf = RollupState.accountLeaf(a.account, a.balanceWei, a.nonce);
        if (RollupState.verifyMerkleProof(pre.accountsRoot, leaf, a.index, a.siblings, RollupState.ACCOUNT_TREE_DEPTH)) return "";
        return string.concat("account ", HexText.ofAddress(a.account), " is not at index ", Decimal.toString(a.index));
    }

    /// A new account takes the next free index, so its leaf must be empty there. KNOWN GAP
    /// (as in TS): the tree is indexed by first appearance, not by address, so this does not
    /// prove the address is absent everywhere else.
    function checkAbsent(RollupState.StateRoots memory pre, IOneStepProof.AccountWitness memory a, uint256 expected) private pure returns (string memory) {
        if (a.index != expected) return string.concat("a new account takes index ", Decimal.toString(expected), ", not ", Decimal.toString(a.index));
        if (RollupState.verifyMerkleProof(pre.accountsRoot, bytes32(0), a.index, a.siblings, RollupState.ACCOUNT_TREE_DEPTH)) return "";
        return string.concat("leaf ", Decimal.toString(a.index), " is not empty");
    }

    /// What the rules read: a present account's witnessed leaf, an absent one as empty.
    function preAccounts(IOneStepProof.AccountWitness[] memory accounts) private pure returns (RollupState.Account[] memory pre) {
        pre = new RollupState.Account[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            if (accounts[i].present) pre[i] = RollupState.Account(accounts[i].balanceWei, accounts[i].nonce);
        }
    }

    function postStateRoot(IOneStepProof.StepWitness memory w, RollupState.Effect memory effect, uint64 fresh)
        private
        pure
        returns (bool ok, bytes32 postRoot, string memory reason)
    {
        RollupState.StateRoots memory post = w.pre;
        if (effect.withdraws) {
            if (!RollupState.verifyMerkleProof(w.pre.withdrawalsRoot, bytes32(0), w.pre.withdrawalCount, w.withdrawalSiblings, RollupState.WITHDRAWAL_TREE_DEPTH)) {
                return (false, bytes32(0), "withdrawal slot witness does not match the pre-state");
            }
            bytes32 leaf = RollupState.withdrawalLeaf(
                RollupState.WithdrawalLeaf(w.pre.withdrawalCount, effect.withdrawalFrom, effect.withdrawalTo, effect.withdrawalAmountWei)
            );
            post.withdrawalsRoot = RollupState.rootFromProof(leaf, w.pre.withdrawalCount, w.withdrawalSiblings);
            post.withdrawalCount = w.pre.withdrawalCount + 1;
        }
        LeafUpdate[] memory updates = new LeafUpdate[](effect.post.length);
        for (uint256 i = 0; i < updates.length; i++) {
            IOneStepProof.AccountWitness memory a = w.accounts[i];
            updates[i] = LeafUpdate(a.index, RollupState.accountLeaf(a.account, effect.post[i].balanceWei, effect.post[i].nonce), a.siblings);
        }
        post.accountsRoot = updateLeaves(updates, RollupState.ACCOUNT_TREE_DEPTH);
        post.accountCount = w.pre.accountCount + fresh;
        return (true, RollupState.stateRootOf(post), "");
    }

    /// The root after writing several leaves at once, each proven against the same pre-root:
    /// where two paths meet, the sibling one side needs is the other side's new node.
    /// Distinct indices; the updates are sorted here, so any order is accepted.
    function updateLeaves(LeafUpdate[] memory updates, uint256 depth) internal pure returns (bytes32) {
        uint256 n = updates.length;
        uint256[] memory position = new uint256[](n);
        bytes32[] memory node = new bytes32[](n);
        uint256[] memory owner = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            uint256 k = i;
            for (; k > 0 && position[k - 1] > updates[i].index; k--) {
                (position[k], node[k], owner[k]) = (position[k - 1], node[k - 1], owner[k - 1]);
            }
            (position[k], node[k], owner[k]) = (updates[i].index, updates[i].leaf, i);
        }
        for (uint256 l = 0; l < depth; l++) {
            uint256 m = 0;
            for (uint256 k = 0; k < n; k++) {
                uint256 parent = position[k] >> 1;
                // A right child whose left sibling is also updated was hashed with it one step earlier.
                if (m > 0 && position[m - 1] == parent) continue;
                bytes32 sibling = k + 1 < n && position[k + 1] == position[k] ^ 1 ? node[k + 1] : updates[owner[k]].siblings[l];
                node[m] = position[k] & 1 == 0 ? RollupState.hashPair(node[k], sibling) : RollupState.hashPair(sibling, node[k]);
                (position[m], owner[m]) = (parent, owner[k]);
                m++;
            }
            n = m;
        }
        return node[0];
    }
}

/// The one-step proof as a deployable contract behind IOneStepProof, for a dispute game
/// that prefers calling it to carrying the library inline.
contract OneStepProver is IOneStepProof {
    function executeStep(bytes32 preRoot, bytes32 messagesRoot, uint256 step, StepWitness calldata witness)
        external
        pure
        returns (bool ok, bytes32 postRoot, string memory reason)
    {
        return OneStepProof.executeStep(preRoot, messagesRoot, step, witness);
    }
}
