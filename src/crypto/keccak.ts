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
  if (data.length >= ZERO_RUN_MIN_BYTES && isAllZero(data)) return keccakZeros(data.length);
  hasher.init();
  hasher.update(data);
  return digest();
}

/**
 * Megabytes of zeros are what a zip bomb's memo is (post-zip-bomb), and absorbing 16 MiB
 * costs ~10 ms: the fuzzer's single biggest cost. The sponge's state after k whole blocks
 * of zeros does not depend on what follows, so it is saved every CHECKPOINT_BYTES (a
 * multiple of keccak-256's 136-byte rate) and a zero run of any length resumes from the
 * nearest one: the same digest for a fraction of the work.
 */
const ZERO_RUN_MIN_BYTES = 1 << 16;
const CHECKPOINT_BYTES = 136 * 60;
const zeroCheckpoints: Uint8Array[] = [];
let zeros = new Uint8Array(CHECKPOINT_BYTES);

function isAllZero(data: Uint8Array): boolean {
  if (zeros.length < data.length) zeros = new Uint8Array(data.length);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(zeros.subarray(0, data.length));
}

function keccakZeros(length: number): Hex {
  const whole = Math.floor(length / CHECKPOINT_BYTES);
  const known = Math.min(whole, zeroCheckpoints.length);
  hasher.init();
  if (known > 0) hasher.load(zeroCheckpoints[known - 1]!);
  const block = zeros.subarray(0, CHECKPOINT_BYTES);
  for (let k = known; k < whole; k++) {
    hasher.update(block);
    zeroCheckpoints.push(hasher.save());
  }
  hasher.update(zeros.subarray(0, length - whole * CHECKPOINT_BYTES));
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
  // Decoded into one reused buffer and absorbed at once: an ideal signature and its check
  // are each a keccakHex of a key and a digest, several per channel update, and a Buffer
  // per part was needless allocation. Same bytes as decoding each part on its own: the
  // decoder stops at the same character either way.
  let length = 0;
  for (const part of parts) length += part.length;
  if (hexScratch.length < length) hexScratch = Buffer.alloc(length);
  let written = 0;
  for (const part of parts) written += hexScratch.write(part.startsWith('0x') ? part.slice(2) : part, written, 'hex');
  hasher.init();
  hasher.update(hexScratch.subarray(0, written));
  return digest();
}

let hexScratch = Buffer.alloc(256);

export const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;
