import { describe, expect, it } from 'vitest';
import { deriveClassification, type ProbeRecord } from '../../../src/classify/derive.ts';
import { findPreset, loadPresetFiles } from '../../../src/protocols/presets.ts';
import type { ProtocolDefinition } from '../../../src/protocols/define.ts';
import { zk } from '../../../src/protocols/zk/index.ts';

const protocol = zk as unknown as ProtocolDefinition<unknown>;

function disappears(outcome: 'defended' | 'violated'): ProbeRecord {
  const violations = outcome === 'violated' ? [{ invariant: 'l1-recoverability' as const, message: 'alice recovered 0 ETH of 19 ETH', actors: ['alice'], amounts: { entitledWei: '19000000000000000000', recoveredWei: '0' } }] : [];
  return { attack: 'operator-disappears', question: 'custody', outcome, expected: 'defended', asExpected: outcome === 'defended', violations, traceHash: '0x00', repro: 'l2adv attack operator-disappears --protocol zk' };
}

function presetParams(name: string): unknown {
  return protocol.params.parse(findPreset(protocol, name, loadPresetFiles()).params);
}

describe('classify: the zk trust declaration', () => {
  it('declares data on L1 and validity by proof, and takes the exit window from the forced-request deadline', () => {
    const k = deriveClassification({ protocol, variant: 'secure', preset: { name: 'starkex', params: presetParams('starkex') }, probes: [disappears('defended')] });
    expect(k).toMatchObject({ verdict: 'Layer 2', reducesToL1: true, dataOnL1: { value: true, kept: 'l1' }, mustTrust: [], assumes: [] });
    expect(k.exitWindow).toMatchObject({ blocks: 50_400 });
    expect(k.forcedInclusion.text).toBe('none');
  });

  it('reads no exit window from a preset without a deadline (zksync-era)', () => {
    const k = deriveClassification({ protocol, variant: 'secure', preset: { name: 'zksync-era', params: presetParams('zksync-era') }, probes: [disappears('violated')] });
    expect(k).toMatchObject({ verdict: 'not Layer 2', reducesToL1: false, exitWindow: { text: 'none' } });
    expect(k.mustTrust.map((t) => t.party)).toEqual(['the operator (sequencer and prover)']);
    expect(k.operatorDisappears.text).toBe('funds stuck: alice recovered 0 ETH of 19 ETH through L1');
  });
});
