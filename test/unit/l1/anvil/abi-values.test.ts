import { AbiCoder, Interface, ParamType } from 'ethers';
import { describe, expect, it } from 'vitest';
import { plain, revertReason } from '../../../../src/l1/anvil/abi-values.ts';

const abi = new Interface(['error TooLate(uint256 deadline, address who)', 'error Unused()']);
const coder = AbiCoder.defaultAbiCoder();

describe('revertReason', () => {
  it('gives a require message exactly, as the in-memory contracts phrase it', () => {
    const data = `0x08c379a0${coder.encode(['string'], ['only the custodian can release funds']).slice(2)}`;
    expect(revertReason(data, [])).toBe('only the custodian can release funds');
  });

  it('names a panic by its code', () => {
    expect(revertReason(`0x4e487b71${coder.encode(['uint256'], [0x11]).slice(2)}`, [])).toBe('panic 0x11 (arithmetic overflow or underflow)');
  });

  it('spells out a custom error of the called contract with its arguments', () => {
    const data = abi.encodeErrorResult('TooLate', [45_818n, '0x00000000000000000000000000000000000000AA']);
    expect(revertReason(data, [abi])).toBe('TooLate(45818, 0x00000000000000000000000000000000000000aa)');
  });

  it('says so when there is no reason, or data no ABI explains', () => {
    expect(revertReason('0x', [abi])).toBe('reverted without a reason');
    expect(revertReason(undefined, [abi])).toBe('reverted without a reason');
    expect(revertReason('0xdeadbeef', [abi])).toBe('reverted with data 0xdeadbeef');
  });
});

describe('plain', () => {
  it('returns addresses lower-case, structs by field name, arrays element-wise', () => {
    const type = ParamType.from('tuple(address owner, uint256[] amounts, bytes32 root) state');
    const [decoded] = coder.decode([type], coder.encode([type], [['0x00000000000000000000000000000000000000AA', [1n, 2n], `0x${'11'.repeat(32)}`]]));
    expect(plain(decoded, type)).toEqual({ owner: '0x00000000000000000000000000000000000000aa', amounts: [1n, 2n], root: `0x${'11'.repeat(32)}` });
  });

  it('keeps an unnamed tuple positional', () => {
    const type = ParamType.from('tuple(uint8, bool)');
    const [decoded] = coder.decode([type], coder.encode([type], [[7, true]]));
    expect(plain(decoded, type)).toEqual([7, true]);
  });

  it('reads integers of up to 64 bits as numbers (heights, versions, ids) and wider ones as bigint (wei)', () => {
    const type = ParamType.from('tuple(uint64 finalizesAt, int32 delta, uint128 balance, uint256 amountWei) record');
    const [decoded] = coder.decode([type], coder.encode([type], [[45_818, -3, 10n ** 19n, 1n]]));
    expect(plain(decoded, type)).toEqual({ finalizesAt: 45_818, delta: -3, balance: 10n ** 19n, amountWei: 1n });
  });

  it('refuses a uint64 beyond 2^53 rather than round it, and says how to declare it', () => {
    const type = ParamType.from('uint64 version');
    const [decoded] = coder.decode([type], coder.encode([type], [2n ** 60n]));
    expect(() => plain(decoded, type)).toThrow('uint64 version = 1152921504606846976 is beyond 2^53 and cannot be a JS number: declare it uint128 or wider to read it as bigint');
  });
});
