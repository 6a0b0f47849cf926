// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The rollup's state commitments and its state transition, as L1 checks them: the leaf
/// and root formulas of src/l1/contracts/rollup-state.ts, the Merkle proofs of
/// src/crypto/merkle.ts, the message leaf of src/l1/contracts/one-step-proof.ts and the
/// transition `applyTransaction` of src/protocols/rollup/state.ts over witnessed accounts.
/// The bridge, the one-step proof and the zk verifier all import this one file, so the
/// Solidity side has a single definition of the rules, as the TypeScript side has.
library RollupState {
    /// Leaves per tree, as ACCOUNT_TREE_DEPTH, WITHDRAWAL_TREE_DEPTH and MESSAGE_TREE_DEPTH in TS.
    uint256 internal constant ACCOUNT_TREE_DEPTH = 24;
    uint256 internal constant WITHDRAWAL_TREE_DEPTH = 24;
    uint256 internal constant MESSAGE_TREE_DEPTH = 20;

    /// Message kinds, numbered as the message leaf commits to them.
    uint8 internal constant DEPOSIT = 0;
    uint8 internal constant TRANSFER = 1;
    uint8 internal constant WITHDRAW = 2;
    /// A message without a nonce (forced transactions, deposits): the delayed inbox orders them.
    uint64 internal constant NO_NONCE = type(uint64).max;

    /// The four values a state root commits to.
    struct StateRoots {
        bytes32 accountsRoot;
        bytes32 withdrawalsRoot;
        uint64 accountCount;
        uint64 withdrawalCount;
    }

    /// A burned L2 balance waiting for release on L1: leaf `index` of the withdrawal tree.
    struct WithdrawalLeaf {
        uint64 index;
        address from;
        address to;
        uint256 amountWei;
    }

    /// What a withdrawal proof carries besides the leaf: the other half of the state root and the siblings.
    struct WithdrawalProof {
        bytes32 accountsRoot;
        uint64 accountCount;
        uint64 withdrawalCount;
        bytes32[] siblings;
    }

    struct Account {
        uint256 balanceWei;
        uint64 nonce;
    }

    /// An authenticated L2 message (TS `L2Message` flattened): `from` is ignored for a deposit,
    /// `nonce` is NO_NONCE where the TS message has none, `all` counts only for a withdrawal.
    struct Message {
        uint8 kind;
        address from;
        address to;
        uint256 amountWei;
        uint64 nonce;
        bool all;
    }

    /// What applying a message does. `post` holds the new account of each address
    /// `touchedBy(message)`, in that order (a successful message writes all of them); a
    /// withdrawal appends one leaf. A failed message changes nothing.
    struct Effect {
        bool ok;
        Account[] post;
        bool withdraws;
        address withdrawalFrom;
        address withdrawalTo;
        uint256 withdrawalAmountWei;
    }

    // ---- Merkle trees (src/crypto/merkle.ts) ----

    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32 node) {
        assembly ("memory-safe") {
            mstore(0x00, left)
            mstore(0x20, right)
            node := keccak256(0x00, 0x40)
        }
    }

    /// The root of an empty subtree of height `level` (zeroHash(0) is the empty leaf).
    function zeroHash(uint256 level) internal pure returns (bytes32 node) {
        for (uint256 l = 0; l < level; l++) node = hashPair(node, node);
    }

    /// The root a leaf and its siblings imply; bit i of `index` set: the node is a right child at level i.
    function rootFromProof(bytes32 leaf, uint256 index, bytes32[] memory siblings) internal pure returns (bytes32 node) {
        node = leaf;
        for (uint256 i = 0; i < siblings.length; i++) {
            node = (index >> i) & 1 == 0 ? hashPair(node, siblings[i]) : hashPair(siblings[i], node);
        }
    }

    /// `leaf` sits at `index` under `root` in a tree of `depth` levels. The depth is the
    /// verifier's, never the prover's, so a short proof of an inner node cannot pass for a leaf.
    function verifyMerkleProof(bytes32 root, bytes32 leaf, uint256 index, bytes32[] memory siblings, uint256 depth) internal pure returns (bool) {
        if (siblings.length != depth || index >> depth != 0) return false;
        return rootFromProof(leaf, index, siblings) == root;
    }

    // ---- Leaves and roots (src/l1/contracts/rollup-state.ts) ----

    function accountLeaf(address account, uint256 balanceWei, uint64 nonce) internal pure returns (bytes32) {
        return keccak256(abi.encode(account, balanceWei, nonce));
    }

    /// The index makes two equal withdrawals distinct leaves.
    function withdrawalLeaf(WithdrawalLeaf memory w) internal pure returns (bytes32) {
        return keccak256(abi.encode(w.index, w.from, w.to, w.amountWei));
    }

    function stateRootOf(StateRoots memory roots) internal pure returns (bytes32) {
        return keccak256(abi.encode(roots.accountsRoot, roots.withdrawalsRoot, roots.accountCount, roots.withdrawalCount));
    }

    /// Does `proof` show withdrawal `w` under `stateRoot`? The bridge contract's whole check.
    function withdrawalProven(bytes32 stateRoot, WithdrawalLeaf memory w, WithdrawalProof memory proof) internal pure returns (bool) {
        if (proof.siblings.length != WITHDRAWAL_TREE_DEPTH || w.index >= proof.withdrawalCount) return false;
        bytes32 withdrawalsRoot = rootFromProof(withdrawalLeaf(w), w.index, proof.siblings);
        return stateRootOf(StateRoots(proof.accountsRoot, withdrawalsRoot, proof.accountCount, proof.withdrawalCount)) == stateRoot;
    }

    /// keccak(abi.encode(kind, from, to, amount, nonce, all)): a segment's message list is a Merkle tree of these.
    function messageLeaf(Message memory m) internal pure returns (bytes32) {
        address from = m.kind == DEPOSIT ? address(0) : m.from;
        uint64 nonce = m.kind == DEPOSIT ? NO_NONCE : m.nonce;
        bool all = m.kind == WITHDRAW && m.all;
        return keccak256(abi.encode(uint256(m.kind), from, m.to, m.amountWei, nonce, all));
    }

    // ---- The state transition (src/protocols/rollup/state.ts) ----

    /// The account leaves a message reads and may write, in order: what a witness must show.
    function touchedBy(Message memory m) internal pure returns (address[] memory touched) {
        if (m.kind == DEPOSIT) {
            touched = new address[](1);
            touched[0] = m.to;
        } else if (m.kind == TRANSFER && m.from != m.to) {
            touched = new address[](2);
            touched[0] = m.from;
            touched[1] = m.to;
        } else {
            touched = new address[](1);
            touched[0] = m.from;
        }
    }

    /// The rollup's rules over the witnessed accounts `pre` (one per `touchedBy(m)`, in that
    /// order; an absent account is zero balance and nonce). Failures (bad nonce, insufficient
    /// balance, an empty withdrawal) leave `ok` false and nothing written.
    function applyTransaction(Account[] memory pre, Message memory m) internal pure returns (Effect memory effect) {
        if (m.kind == DEPOSIT) {
            effect.ok = true;
            effect.post = new Account[](1);
            effect.post[0] = Account(pre[0].balanceWei + m.amountWei, pre[0].nonce);
            return effect;
        }
        Account memory sender = pre[0];
        uint256 amountWei = m.kind == WITHDRAW && m.all ? sender.balanceWei : m.amountWei;
        if (m.nonce != NO_NONCE && m.nonce != sender.nonce) return effect;
        if (sender.balanceWei < amountWei) return effect;
        if (m.kind == WITHDRAW && amountWei == 0) return effect;
        uint64 nonce = m.nonce == NO_NONCE ? sender.nonce : sender.nonce + 1;
        effect.ok = true;
        if (m.kind == TRANSFER && m.from != m.to) {
            effect.post = new Account[](2);
            effect.post[0] = Account(sender.balanceWei - amountWei, nonce);
            effect.post[1] = Account(pre[1].balanceWei + amountWei, pre[1].nonce);
            return effect;
        }
        effect.post = new Account[](1);
        if (m.kind == TRANSFER) {
            effect.post[0] = Account(sender.balanceWei, nonce);
            return effect;
        }
        effect.post[0] = Account(sender.balanceWei - amountWei, nonce);
        effect.withdraws = true;
        effect.withdrawalFrom = m.from;
        effect.withdrawalTo = m.to;
        effect.withdrawalAmountWei = amountWei;
    }
}
