// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Whether a 65-byte secp256k1 signature over a raw 32-byte digest is `claimed`'s.
/// Accepts exactly what the model's verifier (ethers' recoverAddress, src/crypto/signatures.ts)
/// accepts, so a signature is valid on both backends or on neither: r ‖ s ‖ v with v in
/// {0, 1, 27, 28} (or an EIP-155 v ≥ 35, by its parity), and s below 2^255.
library SignatureCheck {
    function signedBy(bytes32 digest, bytes memory signature, address claimed) internal pure returns (bool) {
        if (signature.length != 65) return false;
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(signature, 32))
            s := mload(add(signature, 64))
            v := byte(0, mload(add(signature, 96)))
        }
        if (uint256(s) >> 255 != 0) return false;
        if (v == 0 || v == 1) v += 27;
        else if (v >= 35) v = (v & 1) == 1 ? 27 : 28;
        else if (v != 27 && v != 28) return false;
        // ecrecover answers the zero address for anything that is not a signature: never a signer.
        address signer = ecrecover(digest, v, r, s);
        return signer != address(0) && signer == claimed;
    }
}
