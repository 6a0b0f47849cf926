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
