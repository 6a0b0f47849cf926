import { describe, expect, it } from 'vitest';
import { optimistic } from '../../../../src/protocols/optimistic/index.ts';
import { confirmationBoundBlocks } from '../../../../src/protocols/optimistic/params.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';

describe('optimistic presets', () => {
  it('load with the fraud-proof parameters of each chain', () => {
    const arb = optimistic.params.parse(findPreset(optimistic as never, 'arbitrum-one', loadPresetFiles()).params);
    const op = optimistic.params.parse(findPreset(optimistic as never, 'op-mainnet', loadPresetFiles()).params);
    expect([arb.challengeWindowBlocks, arb.disputeClockBlocks]).toEqual([45_818, 45_818]);
    expect([op.challengeWindowBlocks, op.disputeClockBlocks]).toEqual([50_400, 25_200]);
    expect(confirmationBoundBlocks(op.challengeWindowBlocks, op.disputeClockBlocks)).toBe(100_800);
  });

  it('rejects a dispute clock of zero and a winner share above the whole bond', () => {
    const base = findPreset(optimistic as never, 'arbitrum-one', loadPresetFiles()).params as Record<string, unknown>;
    expect(optimistic.params.safeParse({ ...base, disputeClockBlocks: 0 }).success).toBe(false);
    expect(optimistic.params.safeParse({ ...base, winnerShareBasisPoints: 10_001 }).success).toBe(false);
    expect(optimistic.params.safeParse({ ...base, proposerBondEth: undefined }).success).toBe(false);
  });
});
