// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The views every source of L2 state roots offers the rollup bridge and users: the
/// optimistic StateCommitments (src/l1/contracts/state-commitments.ts) and the validity
/// ZkVerifier (src/l1/contracts/zk-verifier.ts) both implement it, so one RollupBridge
/// pays withdrawals against either. Signatures match the TS facades' views.
///
/// Conventions, so both backends read alike (ContractSpec.fromSolidity):
/// - `commitment(index)` for an index at or past `count()` returns the all-zero struct;
///   a real commitment never has a zero `proposer` (the genesis root's proposer is the
///   contract itself), so `proposer == address(0)` means "no such commitment" and the TS
///   adapter turns it into `undefined`.
/// - heights and indices are uint64 in outputs (read as JS numbers), uint256 in inputs.
interface IStateCommitments {
    /// src/l1/contracts/state-commitments.ts `StateCommitment`, field for field.
    struct Commitment {
        uint64 index;
        bytes32 stateRoot;
        /// Inbox entries the root covers.
        uint64 batchCount;
        address proposer;
        uint64 postedBlock;
        /// The commitment this one extends; -1 for the genesis root.
        int64 parentIndex;
    }

    function count() external view returns (uint64);

    /// The newest commitment not rejected and not built on a rejected one.
    function latest() external view returns (uint64);

    function commitment(uint256 index) external view returns (Commitment memory);

    /// The finality rule, and the only one the bridge consults before paying a withdrawal.
    function isFinalAt(uint256 index, uint256 height) external view returns (bool);

    function isRejectedAt(uint256 index, uint256 height) external view returns (bool);

    /// Index of the newest commitment final at `height` (0, the genesis root, at least).
    function latestFinalAt(uint256 height) external view returns (uint64);

    function bondWei() external view returns (uint256);
}
