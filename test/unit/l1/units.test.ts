import { describe, expect, it } from 'vitest';
import { eth, formatEth } from '../../../src/l1/units.ts';

describe('ether amounts', () => {
  it('formats at most six decimals with no trailing zeros', () => {
    expect(formatEth(457_500_000_000_000_000n)).toBe('0.4575 ETH');
    expect(formatEth(eth(10))).toBe('10 ETH');
    expect(formatEth(1n)).toBe('0 ETH');
    expect(formatEth(-eth(1.5))).toBe('-1.5 ETH');
    expect(formatEth(3_352_113_914_240_000_000n)).toBe('3.352113 ETH');
  });
});
