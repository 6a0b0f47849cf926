// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDataCommittee} from "./interfaces/IDataCommittee.sol";
import {Decimal} from "./lib/Decimal.sol";
import {HexText} from "./lib/HexText.sol";
import {SignatureCheck} from "./lib/SignatureCheck.sol";

/// A validium's data-availability committee on L1: it checks a certificate's k-of-n member
/// signatures and records the data hash as available until the certificate's expiry, as
/// StarkEx's Committee.sol registers an availability fact. The sequencer inbox takes a batch
/// as a bare hash only while its hash is certified here. L1 sees the signatures, never the
/// data: whether anyone serves it is the committee's word.
///
/// Held equal to src/l1/memory/contracts/data-committee.ts — same events, views and revert
/// reasons — by test/anvil/data-committee.differential.test.ts. `distinctSigners` false is
/// the `duplicate-signers` twin: a repeated signature counts again.
contract DataCommittee is IDataCommittee {
    struct CommitteeSignature {
        address signer;
        bytes signature;
    }

    /// k members attest they hold the data with this hash and will serve it until `expirySeconds`.
    struct DataCertificate {
        bytes32 dataHash;
        uint64 expirySeconds;
        CommitteeSignature[] signatures;
    }

    /// Distinct member signatures a certificate needs (k of n).
    uint32 public immutable threshold;
    /// Shortest time from certification to expiry a certificate may promise.
    uint64 private immutable minRetentionSeconds;
    bool private immutable distinctSigners;
    address[] private memberList;
    mapping(address => bool) private isMember;
    mapping(bytes32 => uint64) private certified;

    event DataCertified(bytes32 dataHash, uint64 expirySeconds, address[] signers);

    /// `chainId` is the TypeScript params' own; signatures use block.chainid, so the two must agree.
    constructor(uint256 chainId, address[] memory members_, uint256 threshold_, uint64 minRetentionSeconds_, bool distinctSigners_) {
        require(chainId == block.chainid, "the committee's chain id must be the chain it is deployed on");
        for (uint256 i = 0; i < members_.length; i++) {
            require(!isMember[members_[i]], "committee members must be distinct");
            isMember[members_[i]] = true;
            memberList.push(members_[i]);
        }
        if (threshold_ < 1 || threshold_ > members_.length) {
            revert(string.concat("committee threshold ", Decimal.toString(threshold_), " must be between 1 and ", Decimal.toString(members_.length)));
        }
        // Safe: the threshold is at most the member count, checked just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        threshold = uint32(threshold_);
        minRetentionSeconds = minRetentionSeconds_;
        distinctSigners = distinctSigners_;
    }

    /// Records `certificate.dataHash` as available if `threshold` members signed it. Anyone may submit.
    function certify(DataCertificate calldata certificate) external {
        // A certificate that expires before the promised retention lets members drop the data while a root over it still matters.
        // forge-lint: disable-next-line(block-timestamp) — retention is promised in L1 time, as in the TS contract
        if (certificate.expirySeconds < block.timestamp + minRetentionSeconds) {
            revert(
                string.concat(
                    "certificate expires at ",
                    Decimal.toString(certificate.expirySeconds),
                    ", before the ",
                    Decimal.toString(minRetentionSeconds),
                    "-second retention from ",
                    Decimal.toString(block.timestamp)
                )
            );
        }
        uint256 approvals = approvalsOf(certificate);
        if (approvals < threshold) {
            revert(
                string.concat(
                    "data ",
                    HexText.prefix(certificate.dataHash, 4),
                    " needs ",
                    Decimal.toString(threshold),
                    " of ",
                    Decimal.toString(memberList.length),
                    " committee signatures, got ",
                    Decimal.toString(approvals)
                )
            );
        }
        if (certificate.expirySeconds > certified[certificate.dataHash]) certified[certificate.dataHash] = certificate.expirySeconds;
        address[] memory signers = new address[](certificate.signatures.length);
        for (uint256 i = 0; i < signers.length; i++) signers[i] = certificate.signatures[i].signer;
        emit DataCertified(certificate.dataHash, certificate.expirySeconds, signers);
    }

    function certifiedUntil(bytes32 dataHash) external view returns (uint64) {
        return certified[dataHash];
    }

    function members() external view returns (address[] memory) {
        return memberList;
    }

    /// What a member signs (src/l1/contracts/data-committee.ts `certificateDigest`): chain,
    /// committee, data and expiry, so no certificate serves another chain, committee or promise.
    function certificateDigest(bytes32 dataHash, uint64 expirySeconds) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), dataHash, expirySeconds));
    }

    /// Member signatures that verify; each member once unless the twin counts repeats.
    function approvalsOf(DataCertificate calldata certificate) private view returns (uint256 count) {
        bytes32 digest = certificateDigest(certificate.dataHash, certificate.expirySeconds);
        address[] memory approved = new address[](certificate.signatures.length);
        for (uint256 i = 0; i < certificate.signatures.length; i++) {
            address signer = certificate.signatures[i].signer;
            if (!isMember[signer] || !SignatureCheck.signedBy(digest, certificate.signatures[i].signature, signer)) continue;
            if (distinctSigners && contains(approved, count, signer)) continue;
            approved[count++] = signer;
        }
    }

    function contains(address[] memory list, uint256 length, address who) private pure returns (bool) {
        for (uint256 i = 0; i < length; i++) if (list[i] == who) return true;
        return false;
    }
}
