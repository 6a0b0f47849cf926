import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/kernel/errors.ts';
import { optimistic } from '../../../../src/protocols/optimistic/index.ts';
import { parsePresetFile, presetsFor, resolvePreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import type { RollupParams } from '../../../../src/protocols/rollup/params.ts';

const protocol = optimistic as never;

describe('optimistic presets', () => {
  it('loads arbitrum-one and op-mainnet with their documented windows, each value cited', () => {
    const presets = presetsFor(protocol, loadPresetFiles());
    const byName = Object.fromEntries(presets.map((p) => [p.name, p]));
    const arb = byName['arbitrum-one']!.params as RollupParams;
    expect([arb.forceInclusionDelayBlocks, arb.futureBlocks, arb.forceInclusionDelaySeconds, arb.futureSeconds, arb.challengeWindowBlocks]).toEqual([5_760, 64, 86_400, 768, 45_818]);
    expect(arb.delayBuffer).toEqual({ maxBufferBlocks: 14_400, thresholdBlocks: 150, replenishRateBasisPoints: 500 });
    const op = byName['op-mainnet']!.params as RollupParams;
    expect([op.forceInclusionDelayBlocks, op.futureSeconds, op.challengeWindowBlocks, op.delayBuffer]).toEqual([3_600, 1_800, 50_400, null]);
    for (const preset of presets) {
      const cited = Object.keys(preset.sources);
      for (const field of ['forceInclusionDelayBlocks', 'futureBlocks', 'challengeWindowBlocks', 'maxDecompressedBytes', 'delayBuffer']) expect(cited).toContain(field);
    }
  });

  it('refuses an out-of-range window with a message naming the field, the value and the range', () => {
    const file = parsePresetFile('bad.json', JSON.stringify({ ...raw(), params: { ...raw().params, forceInclusionDelayBlocks: 1 } }));
    expect(() => resolvePreset(protocol, file)).toThrow(UsageError);
    expect(() => resolvePreset(protocol, file)).toThrow(/field `forceInclusionDelayBlocks` = 1: .*>=\s*2/);
  });

  it('refuses a delay-buffer threshold above its maximum', () => {
    const file = parsePresetFile('bad.json', JSON.stringify({ ...raw(), params: { ...raw().params, delayBuffer: { maxBufferBlocks: 10, thresholdBlocks: 11, replenishRateBasisPoints: 0 } } }));
    expect(() => resolvePreset(protocol, file)).toThrow(/field `delayBuffer.thresholdBlocks` = 11: must be at most delayBuffer.maxBufferBlocks/);
  });

  it('refuses an unknown field, so a typo cannot silently fall back to a default', () => {
    const file = parsePresetFile('bad.json', JSON.stringify({ ...raw(), params: { ...raw().params, challengeWindow: 10 } }));
    expect(() => resolvePreset(protocol, file)).toThrow(/challengeWindow/);
  });
});

function raw() {
  return loadPresetFiles().find((f) => f.name === 'arbitrum-one')! as { name: string; protocol: string; description: string; params: Record<string, unknown>; sources: Record<string, string> };
}
