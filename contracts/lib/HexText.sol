// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Addresses and hashes as lower-case 0x-hex text, for revert reasons that name them exactly
/// as the TypeScript contracts' template strings do (addresses are lower-case there).
library HexText {
    bytes16 private constant DIGITS = "0123456789abcdef";

    function ofAddress(address value) internal pure returns (string memory) {
        return prefix(bytes32(uint256(uint160(value)) << 96), 20);
    }

    /// The first `bytesShown` bytes of `value` as 0x-hex (`hash.slice(0, 2 + 2 * bytesShown)` in TS).
    function prefix(bytes32 value, uint256 bytesShown) internal pure returns (string memory) {
        bytes memory text = new bytes(2 + 2 * bytesShown);
        text[0] = "0";
        text[1] = "x";
        for (uint256 i = 0; i < bytesShown; i++) {
            uint8 b = uint8(value[i]);
            text[2 + 2 * i] = DIGITS[b >> 4];
            text[3 + 2 * i] = DIGITS[b & 0x0f];
        }
        return string(text);
    }
}
