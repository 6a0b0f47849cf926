import { keccak256, toUtf8Bytes, concat, getBytes } from 'ethers';

export type Hex = `0x${string}`;

export function keccakBytes(data: Uint8Array): Hex {
  return keccak256(data) as Hex;
}

export function keccakText(text: string): Hex {
  return keccak256(toUtf8Bytes(text)) as Hex;
}

/** keccak of the concatenation of hex strings (abi.encodePacked of bytes32 values). */
export function keccakHex(...parts: string[]): Hex {
  return keccak256(concat(parts.map((p) => getBytes(p)))) as Hex;
}

export const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;
