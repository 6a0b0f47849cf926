// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OneStepProof} from "../OneStepProof.sol";

/// OneStepProof.updateLeaves as an external view, for the vectors in
/// test/anvil/rollup-state.vectors.test.ts. Not part of any protocol.
contract OneStepProofHarness {
    function updateLeaves(OneStepProof.LeafUpdate[] calldata updates, uint256 depth) external pure returns (bytes32) {
        return OneStepProof.updateLeaves(updates, depth);
    }
}
