import { createKeccak } from 'hash-wasm';

export type Hex = `0x${string}`;

/**
 * One keccak-256 hasher for the process. The WASM implementation runs a 200-byte hash in
 * about 2 µs where the pure-JS one ethers bundles takes about 35 µs, and every trace step
 * and every ideal signature is a hash: this is the model's hot path. Tests hold it equal
 * to ethers' keccak256.
 */
const hasher = await createKeccak(256);

function digest(): Hex {
  return `0x${hasher.digest('hex')}`;
}

export function keccakBytes(data: Uint8Array): Hex {
  hasher.init();
  hasher.update(data);
  return digest();
}

/** keccak of a string's UTF-8 bytes. */
export function keccakText(text: string): Hex {
  hasher.init();
  hasher.update(text);
  return digest();
}

/** keccak of the concatenation of hex strings (abi.encodePacked of bytes values). */
export function keccakHex(...parts: string[]): Hex {
  hasher.init();
  for (const part of parts) hasher.update(Buffer.from(part.startsWith('0x') ? part.slice(2) : part, 'hex'));
  return digest();
}

export const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;
