import { describe, expect, it } from 'vitest';
import { forceInclusionDelay, initialBuffer, pendingBuffer, updateBuffer } from '../../../../src/l1/contracts/delay-buffer.ts';

const ARB1 = { maxBufferBlocks: 14_400, thresholdBlocks: 150, replenishRateBasisPoints: 500 };

describe('delay buffer (Arbitrum arb1.ts bufferConfig)', () => {
  it('starts full, so force inclusion waits the whole delayBlocks', () => {
    expect(forceInclusionDelay(5_760, ARB1, initialBuffer(ARB1), 1_000)).toBe(5_760);
  });

  it('is depleted by delay above the threshold, at most by the blocks elapsed, and never below the threshold', () => {
    let state = initialBuffer(ARB1);
    state = updateBuffer(ARB1, state, 1_000, 1_000 + 5_000);
    expect(pendingBuffer(ARB1, state, 1_100)).toBe(14_400 - 100);
    expect(pendingBuffer(ARB1, state, 100_000)).toBe(14_400 - (5_000 - 150));
    const drained = { ...state, bufferBlocks: 200 };
    expect(pendingBuffer(ARB1, drained, 100_000)).toBe(150);
    expect(forceInclusionDelay(5_760, ARB1, drained, 100_000)).toBe(150);
  });

  it('replenishes at 5 % of the blocks elapsed after on-time sequencing, up to the maximum', () => {
    const state = { bufferBlocks: 10_000, prevBlockNumber: 0, prevDelayBlocks: 10 };
    expect(pendingBuffer(ARB1, state, 2_000)).toBe(10_100);
    expect(pendingBuffer(ARB1, state, 1_000_000)).toBe(14_400);
  });

  it('has no effect where the chain has no buffer', () => {
    expect(forceInclusionDelay(3_600, null, null, 10)).toBe(3_600);
  });
});
