// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RollupState} from "../lib/RollupState.sol";

/// The one-step proof's inputs and result (src/l1/contracts/one-step-proof.ts). The dispute
/// game calls the library `OneStepProof.executeStep` (contracts/OneStepProof.sol, internal,
/// so nothing to deploy or link); `OneStepProver` there is the same function as a contract
/// behind this interface. On anvil the TS `StepWitness` becomes this struct with
/// `stepWitnessToSolidity` (src/l1/contracts/rollup-solidity.ts).
interface IOneStepProof {
    /// A touched account leaf as the prover shows it: present at `index`, or absent (its leaf empty at the next free index).
    struct AccountWitness {
        address account;
        uint64 index;
        bool present;
        uint256 balanceWei;
        uint64 nonce;
        bytes32[] siblings;
    }

    /// Everything the one-step proof needs besides the two roots.
    struct StepWitness {
        /// The four values the agreed pre-state root commits to.
        RollupState.StateRoots pre;
        RollupState.Message message;
        /// Siblings of the message at its step index in the segment's message tree.
        bytes32[] messageSiblings;
        /// One per distinct address `touchedBy(message)`, in that order.
        AccountWitness[] accounts;
        /// Siblings of the empty withdrawal slot at `pre.withdrawalCount`.
        bytes32[] withdrawalSiblings;
    }

    /// Re-executes step `step` of a segment from `preRoot`: `ok` and the post-state root, or
    /// not `ok` and why the witness proves nothing (the TS `reason`, word for word).
    function executeStep(bytes32 preRoot, bytes32 messagesRoot, uint256 step, StepWitness calldata witness)
        external
        pure
        returns (bool ok, bytes32 postRoot, string memory reason);
}
