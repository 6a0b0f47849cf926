// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Decimal} from "./lib/Decimal.sol";
import {SignatureCheck} from "./lib/SignatureCheck.sol";

/// A federated peg's L1 side: deposits are locked here and credited on the sidechain by the
/// federation; a peg-out is paid only with k of n member signatures. L1 never sees the
/// sidechain's blocks, so those signatures are all it can check — which is why funds cannot
/// leave without the federation (the sidechain contrast case).
///
/// Held equal to src/l1/memory/contracts/federation-bridge.ts — same events, views and revert
/// reasons — by test/anvil/federation-bridge.differential.test.ts.
contract FederationBridge {
    /// A withdrawal the sidechain burned and the federation approves: what its members sign.
    struct PegOutRequest {
        uint64 id;
        address recipient;
        uint256 amountWei;
    }

    struct FederationSignature {
        address signer;
        bytes signature;
    }

    /// Signatures a peg-out needs (k of n).
    uint32 public immutable threshold;
    address[] private memberList;
    mapping(address => bool) private isMember;
    uint256 private escrow;
    uint64 private nextPegIn;
    mapping(uint64 => bool) private paid;

    event PegIn(uint64 id, address from, address recipient, uint256 amountWei);
    event PegOut(uint64 id, address recipient, uint256 amountWei);

    /// `chainId` is the TypeScript params' own; signatures use block.chainid, so the two must agree.
    constructor(uint256 chainId, address[] memory members_, uint256 threshold_) {
        require(chainId == block.chainid, "the bridge's chain id must be the chain it is deployed on");
        for (uint256 i = 0; i < members_.length; i++) {
            require(!isMember[members_[i]], "federation members must be distinct");
            isMember[members_[i]] = true;
            memberList.push(members_[i]);
        }
        if (threshold_ < 1 || threshold_ > members_.length) {
            revert(string.concat("federation threshold ", Decimal.toString(threshold_), " must be between 1 and ", Decimal.toString(members_.length)));
        }
        // Safe: the threshold is at most the member count, checked just above.
        // forge-lint: disable-next-line(unsafe-typecast)
        threshold = uint32(threshold_);
    }

    /// Locks msg.value for `sidechainRecipient`; the federation credits it on the sidechain once final.
    function pegIn(address sidechainRecipient) external payable {
        require(msg.value > 0, "peg-in needs value");
        uint64 id = nextPegIn++;
        escrow += msg.value;
        emit PegIn(id, msg.sender, sidechainRecipient, msg.value);
    }

    /// Pays `pegOut_` if at least `threshold` distinct members signed it. Anyone may submit.
    function pegOut(PegOutRequest calldata pegOut_, FederationSignature[] calldata signatures) external {
        require(pegOut_.amountWei > 0, "peg-out needs an amount");
        string memory id = Decimal.toString(pegOut_.id);
        if (paid[pegOut_.id]) revert(string.concat("peg-out ", id, " was already paid"));
        uint256 approvals = approvalsOf(pegOut_, signatures);
        if (approvals < threshold) {
            revert(
                string.concat(
                    "peg-out ", id, " needs ", Decimal.toString(threshold), " of ", Decimal.toString(memberList.length), " federation signatures, got ", Decimal.toString(approvals)
                )
            );
        }
        require(pegOut_.amountWei <= escrow, "peg-out exceeds the escrow");
        paid[pegOut_.id] = true;
        escrow -= pegOut_.amountWei;
        (bool sent, ) = pegOut_.recipient.call{value: pegOut_.amountWei}("");
        require(sent, "payment failed");
        emit PegOut(pegOut_.id, pegOut_.recipient, pegOut_.amountWei);
    }

    function escrowedWei() external view returns (uint256) {
        return escrow;
    }

    function isPaid(uint64 id) external view returns (bool) {
        return paid[id];
    }

    function members() external view returns (address[] memory) {
        return memberList;
    }

    /// The digest members sign (src/l1/contracts/federation-bridge.ts `pegOutDigest`), binding
    /// chain, bridge, id, recipient and amount, so no signature pays twice, elsewhere or someone else.
    function pegOutDigest(PegOutRequest calldata pegOut_) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), uint256(pegOut_.id), pegOut_.recipient, pegOut_.amountWei));
    }

    /// Distinct members with a valid signature: a repeated or outside signer counts for nothing.
    function approvalsOf(PegOutRequest calldata pegOut_, FederationSignature[] calldata signatures) private view returns (uint256 count) {
        bytes32 digest = pegOutDigest(pegOut_);
        address[] memory approved = new address[](signatures.length);
        for (uint256 i = 0; i < signatures.length; i++) {
            address signer = signatures[i].signer;
            if (!isMember[signer] || contains(approved, count, signer)) continue;
            if (!SignatureCheck.signedBy(digest, signatures[i].signature, signer)) continue;
            approved[count++] = signer;
        }
    }

    function contains(address[] memory list, uint256 length, address who) private pure returns (bool) {
        for (uint256 i = 0; i < length; i++) if (list[i] == who) return true;
        return false;
    }
}
