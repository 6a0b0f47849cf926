// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RollupState} from "../lib/RollupState.sol";

/// RollupState's functions as external views, so test/anvil/rollup-state.vectors.test.ts can
/// check each against its TypeScript original on fast-check vectors. Not part of any protocol.
contract RollupStateHarness {
    function hashPair(bytes32 left, bytes32 right) external pure returns (bytes32) {
        return RollupState.hashPair(left, right);
    }

    function zeroHash(uint256 level) external pure returns (bytes32) {
        return RollupState.zeroHash(level);
    }

    function rootFromProof(bytes32 leaf, uint256 index, bytes32[] calldata siblings) external pure returns (bytes32) {
        return RollupState.rootFromProof(leaf, index, siblings);
    }

    function verifyMerkleProof(bytes32 root, bytes32 leaf, uint256 index, bytes32[] calldata siblings, uint256 depth) external pure returns (bool) {
        return RollupState.verifyMerkleProof(root, leaf, index, siblings, depth);
    }

    function accountLeaf(address account, uint256 balanceWei, uint64 nonce) external pure returns (bytes32) {
        return RollupState.accountLeaf(account, balanceWei, nonce);
    }

    function withdrawalLeaf(RollupState.WithdrawalLeaf calldata w) external pure returns (bytes32) {
        return RollupState.withdrawalLeaf(w);
    }

    function stateRootOf(RollupState.StateRoots calldata roots) external pure returns (bytes32) {
        return RollupState.stateRootOf(roots);
    }

    function withdrawalProven(bytes32 stateRoot, RollupState.WithdrawalLeaf calldata w, RollupState.WithdrawalProof calldata proof) external pure returns (bool) {
        return RollupState.withdrawalProven(stateRoot, w, proof);
    }

    function messageLeaf(RollupState.Message calldata m) external pure returns (bytes32) {
        return RollupState.messageLeaf(m);
    }

    function touchedBy(RollupState.Message calldata m) external pure returns (address[] memory) {
        return RollupState.touchedBy(m);
    }

    function applyTransaction(RollupState.Account[] calldata pre, RollupState.Message calldata m) external pure returns (RollupState.Effect memory) {
        return RollupState.applyTransaction(pre, m);
    }
}
