// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Unsigned integers as decimal text, for revert reasons that name amounts and ids exactly
/// as the TypeScript contracts' template strings do.
library Decimal {
    function toString(uint256 value) internal pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) digits++;
        bytes memory text = new bytes(digits);
        for (; value != 0; value /= 10) text[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(text);
    }
}
