import { getAddress } from 'ethers';
import { GENESIS_TIMESTAMP } from '../../kernel/clock.ts';

/**
 * Solidity text an exported test is made of. An exported test needs no forge-std: it
 * declares the few cheatcodes it uses and asserts with plain `require`.
 */
export const VM_INTERFACE = `/// The Foundry cheatcodes this test uses, declared here so that it needs no forge-std.
interface Vm {
    function chainId(uint256 newChainId) external;
    function roll(uint256 newHeight) external;
    function warp(uint256 newTimestamp) external;
    function prank(address sender) external;
    function deal(address account, uint256 newBalance) external;
    function sign(uint256 privateKey, bytes32 digest) external returns (uint8 v, bytes32 r, bytes32 s);
}`;

/** Where every Foundry test finds the cheatcodes: address(uint160(uint256(keccak256("hevm cheat code")))). */
export const VM_DECLARATION = 'Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));';

/** The model's clock (src/kernel/clock.ts): block n is at genesis + 12 s × n, on every backend and here. */
export const CLOCK = `uint256 private constant GENESIS_TIMESTAMP = ${GENESIS_TIMESTAMP};

    /// Block \`height\` of the recorded run, at the model's time for it.
    function _block(uint256 height) private {
        vm.roll(height);
        vm.warp(GENESIS_TIMESTAMP + 12 * height);
    }`;

/** An address literal: Solidity accepts only the EIP-55 checksummed spelling. */
export function addressLiteral(address: string): string {
  return getAddress(address);
}

export function uintLiteral(value: bigint | number): string {
  return BigInt(value).toString();
}

export function bytesLiteral(hex: string): string {
  return `hex"${hex.replace(/^0x/, '')}"`;
}

/** A Solidity string literal for a message: printable ASCII only, quotes and backslashes escaped. */
export function stringLiteral(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, '?').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `"${ascii}"`;
}

/** A contract or constant name from free text: `channel-no-watchtower-1-r269` → `ChannelNoWatchtower1R269`. */
export function identifier(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `T${name}` : name || 'Replay';
}

/** A comment's text on one line: no line breaks or comment terminators from recorded data. */
export function commentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\*\//g, '* /');
}
