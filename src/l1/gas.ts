import { keccakBytes, type Hex } from '../crypto/keccak.ts';
/**
 * L1 gas formulas, exactly as specified, so cost figures are the real ones.
 * EIP-2028: calldata costs 16 gas per non-zero byte and 4 per zero byte.
 * EIP-4844: blobs are 131,072 bytes (4,096 field elements × 32) and pay blob gas priced by
 * its own base fee, an exponential of the excess blob gas above target.
 */
export const TX_BASE_GAS = 21_000n;
export const CALLDATA_ZERO_GAS = 4n;
export const CALLDATA_NONZERO_GAS = 16n;
export const BLOB_BYTES = 131_072;
export const GAS_PER_BLOB = 131_072n;
export const MIN_BLOB_BASE_FEE = 1n;

export interface BlobSchedule {
  readonly name: string;
  readonly targetBlobsPerBlock: number;
  readonly maxBlobsPerBlock: number;
  readonly baseFeeUpdateFraction: bigint;
}

export const CANCUN: BlobSchedule = { name: 'cancun', targetBlobsPerBlock: 3, maxBlobsPerBlock: 6, baseFeeUpdateFraction: 3_338_477n };
export const PRAGUE: BlobSchedule = { name: 'prague', targetBlobsPerBlock: 6, maxBlobsPerBlock: 9, baseFeeUpdateFraction: 5_007_716n };

export function calldataGas(data: Uint8Array): bigint {
  let zeros = 0;
  for (const byte of data) if (byte === 0) zeros++;
  return BigInt(zeros) * CALLDATA_ZERO_GAS + BigInt(data.length - zeros) * CALLDATA_NONZERO_GAS;
}

/** EIP-7623 floor: 10 gas per token, tokens = zero bytes + 4 × non-zero bytes. */
export function calldataFloorGas(data: Uint8Array): bigint {
  let zeros = 0;
  for (const byte of data) if (byte === 0) zeros++;
  return TX_BASE_GAS + 10n * BigInt(zeros + 4 * (data.length - zeros));
}

/** EIP-4844 `fake_exponential`: factor · e^(numerator / denominator) in integer arithmetic. */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i += 1n;
  }
  return output / denominator;
}

export function blobBaseFee(excessBlobGas: bigint, schedule: BlobSchedule): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, schedule.baseFeeUpdateFraction);
}

/** EIP-4844 `calc_excess_blob_gas` for the block after one that used `parentBlobGasUsed`. */
export function nextExcessBlobGas(parentExcess: bigint, parentBlobGasUsed: bigint, schedule: BlobSchedule): bigint {
  const target = BigInt(schedule.targetBlobsPerBlock) * GAS_PER_BLOB;
  const total = parentExcess + parentBlobGasUsed;
  return total < target ? 0n : total - target;
}

/** The excess after `emptyBlocks` blocks with no blobs: each one sheds a target's worth. */
export function excessAfterEmptyBlocks(excess: bigint, emptyBlocks: number, schedule: BlobSchedule): bigint {
  const shed = BigInt(schedule.targetBlobsPerBlock) * GAS_PER_BLOB * BigInt(emptyBlocks);
  return excess > shed ? excess - shed : 0n;
}

/** EIP-4844 versioned hash: version byte 0x01 then the hash's tail (the model hashes the data, not a KZG commitment). */
export function versionedHash(blob: Uint8Array): Hex {
  return `0x01${keccakBytes(blob).slice(4)}`;
}
