import { concat, getBytes, keccak256, toUtf8Bytes } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keccakBytes, keccakHex, keccakText } from '../../../src/crypto/keccak.ts';

describe('keccak-256 (WASM)', () => {
  it('matches the known empty-input digest', () => {
    expect(keccakBytes(new Uint8Array())).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  it('equals ethers keccak256 on arbitrary bytes, text and hex concatenations', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.string({ maxLength: 300 }), fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 4 }), (bytes, text, parts) => {
        expect(keccakBytes(bytes)).toBe(keccak256(bytes));
        expect(keccakText(text)).toBe(keccak256(toUtf8Bytes(text)));
        const hexes = parts.map((p) => `0x${Buffer.from(p).toString('hex')}`);
        expect(keccakHex(...hexes)).toBe(keccak256(concat(hexes.map((h) => getBytes(h)))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('keccak-256 of long zero runs (a zip bomb memo)', () => {
  it('equals ethers keccak256 at, around and between checkpoints, in any order of lengths', () => {
    const checkpoint = 136 * 60;
    const lengths = [3 * checkpoint + 17, 1 << 16, checkpoint, checkpoint - 1, checkpoint + 1, 2 * checkpoint, 5 * checkpoint + 135, 4 * checkpoint - 136];
    for (const length of lengths) expect(keccakBytes(new Uint8Array(length))).toBe(keccak256(new Uint8Array(length)));
  });

  it('hashes a long run with one non-zero byte by its content, not as zeros', () => {
    const data = new Uint8Array(200_000);
    data[150_000] = 1;
    expect(keccakBytes(data)).toBe(keccak256(data));
    const offset = new Uint8Array(200_001).subarray(1);
    expect(keccakBytes(offset)).toBe(keccak256(offset));
  });
});
