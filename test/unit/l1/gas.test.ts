import { describe, expect, it } from 'vitest';
import { CANCUN, GAS_PER_BLOB, PRAGUE, blobBaseFee, calldataFloorGas, calldataGas, excessAfterEmptyBlocks, fakeExponential, nextExcessBlobGas } from '../../../src/l1/gas.ts';

describe('EIP-2028 calldata gas', () => {
  it('charges 4 gas per zero byte and 16 per non-zero byte', () => {
    expect(calldataGas(new Uint8Array([0, 0, 1, 255]))).toBe(2n * 4n + 2n * 16n);
    expect(calldataGas(new Uint8Array(1000))).toBe(4_000n);
    expect(calldataGas(new Uint8Array(1000).fill(7))).toBe(16_000n);
  });

  it('applies the EIP-7623 floor of 10 gas per token (zero bytes + 4 × non-zero)', () => {
    expect(calldataFloorGas(new Uint8Array([0, 0, 1, 255]))).toBe(21_000n + 10n * (2n + 4n * 2n));
  });
});

describe('EIP-4844 blob gas market', () => {
  // The integer approximation of factor · e^(numerator/denominator) from the EIP, on the
  // vectors client test suites use.
  it.each([
    [1n, 0n, 1n, 1n],
    [38_493n, 0n, 1_000n, 38_493n],
    [0n, 1_234n, 2_345n, 0n],
    [1n, 2n, 1n, 6n],
    [1n, 4n, 2n, 6n],
    [1n, 3n, 1n, 16n],
    [1n, 6n, 2n, 18n],
    [1n, 4n, 1n, 49n],
    [1n, 8n, 2n, 50n],
    [10n, 8n, 2n, 542n],
    [11n, 8n, 2n, 596n],
    [1n, 5n, 1n, 136n],
    [1n, 5n, 2n, 11n],
    [2n, 5n, 2n, 23n],
  ])('fake_exponential(%i, %i, %i) = %i', (factor, numerator, denominator, expected) => {
    expect(fakeExponential(factor, numerator, denominator)).toBe(expected);
  });

  it('prices blob gas at the 1-wei minimum with no excess, and 131,072 gas per blob', () => {
    expect(blobBaseFee(0n, PRAGUE)).toBe(1n);
    expect(GAS_PER_BLOB).toBe(131_072n);
  });

  it('accumulates excess above target and sheds it in empty blocks', () => {
    const full = 9n * GAS_PER_BLOB;
    expect(nextExcessBlobGas(0n, full, PRAGUE)).toBe(3n * GAS_PER_BLOB);
    expect(nextExcessBlobGas(0n, 6n * GAS_PER_BLOB, CANCUN)).toBe(3n * GAS_PER_BLOB);
    expect(nextExcessBlobGas(0n, 2n * GAS_PER_BLOB, CANCUN)).toBe(0n);
    expect(excessAfterEmptyBlocks(10n * GAS_PER_BLOB, 1, PRAGUE)).toBe(4n * GAS_PER_BLOB);
    expect(excessAfterEmptyBlocks(10n * GAS_PER_BLOB, 5, PRAGUE)).toBe(0n);
  });

  it('raises the blob base fee about 12.5% per full Cancun block (e^(3·131072/3338477))', () => {
    let excess = 0n;
    for (let i = 0; i < 100; i++) excess = nextExcessBlobGas(excess, 6n * GAS_PER_BLOB, CANCUN);
    // 100 full blocks: excess = 300 blobs' worth; fee = e^(300·131072/3338477) ≈ 130,000 wei.
    expect(excess).toBe(300n * GAS_PER_BLOB);
    const fee = blobBaseFee(excess, CANCUN);
    expect(Number(fee)).toBeGreaterThan(Math.exp((300 * 131072) / 3338477) * 0.99);
    expect(Number(fee)).toBeLessThan(Math.exp((300 * 131072) / 3338477) * 1.01);
  });
});
