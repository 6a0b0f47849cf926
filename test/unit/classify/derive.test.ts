import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { deriveClassification, type ProbeRecord } from '../../../src/classify/derive.ts';
import type { TrustQuestion } from '../../../src/classify/probes.ts';
import type { Outcome } from '../../../src/kernel/attack.ts';
import type { InvariantName } from '../../../src/kernel/violation.ts';
import { defineProtocol, type ProtocolDefinition, type TrustModel } from '../../../src/protocols/define.ts';

type Params = Record<string, unknown>;

function protocol(trust?: TrustModel<Params>): ProtocolDefinition<unknown> {
  return defineProtocol<Params>({
    name: 'toy',
    summary: 'a protocol described only by its declarations',
    variants: { secure: { kind: 'secure', summary: 'as designed' } },
    defaultPreset: 'toy',
    params: z.record(z.string(), z.unknown()),
    trust,
    setup: () => Promise.reject(new Error('never set up: derive only reads declarations')),
  }) as ProtocolDefinition<unknown>;
}

function probe(attack: string, question: TrustQuestion, outcome: Outcome, invariant: InvariantName = 'l1-recoverability', amounts?: Record<string, string>): ProbeRecord {
  const violations = outcome === 'violated' ? [{ invariant, message: `${invariant} broke`, actors: ['alice'], amounts }] : [];
  return { attack, question, outcome, expected: 'defended', asExpected: outcome === 'defended', violations, traceHash: '0x00', repro: `l2adv attack ${attack}` };
}

const rollupTrust: TrustModel<Params> = {
  operator: () => 'the sequencer',
  dataAvailability: (p) => (p.committee ? 'committee' : 'l1'),
  dataHolder: (p) => `the data committee (${p.committee} signatures)`,
  stateValidity: 'fraud-proof',
  windows: { exit: { param: 'challengeWindowBlocks' }, forcedInclusion: { param: 'forceInclusionDelayBlocks' }, withdrawalDelay: { param: 'challengeWindowBlocks' } },
};
const rollupParams = { challengeWindowBlocks: 45_818, forceInclusionDelayBlocks: 5_760 };

describe('deriveClassification', () => {
  it('calls a system whose users exit through L1 alone a Layer 2 that reduces to L1, with windows from its preset', () => {
    const k = deriveClassification({
      protocol: protocol(rollupTrust),
      variant: 'secure',
      preset: { name: 'rollup', params: rollupParams },
      probes: [probe('operator-disappears', 'custody', 'defended'), probe('sequencer-censorship', 'inclusion', 'defended')],
    });
    expect(k).toMatchObject({ verdict: 'Layer 2', reducesToL1: true, mustTrust: [], dataOnL1: { value: true, kept: 'l1' } });
    expect(k.operatorDisappears).toEqual({ recoversViaL1: true, text: 'users exit through L1 alone' });
    expect(k.exitWindow.text).toBe('45,818 blocks (6.4 days)');
    expect(k.forcedInclusion.text).toBe('5,760 blocks (19.2 h)');
    expect(k.assumes).toEqual(['one honest party disputes a wrong state root within the challenge window']);
  });

  it('names the committee as trusted for data when its preset keeps data off L1 and withholding succeeds', () => {
    const k = deriveClassification({
      protocol: protocol(rollupTrust),
      variant: 'secure',
      preset: { name: 'validium', params: { ...rollupParams, committee: '5 of 7' } },
      probes: [probe('operator-disappears', 'custody', 'defended'), probe('dac-withholding', 'data', 'violated', 'data-availability')],
    });
    expect(k.verdict).toBe('Layer 2');
    expect(k.reducesToL1).toBe(false);
    expect(k.dataOnL1).toMatchObject({ value: false, kept: 'committee' });
    // The data probe ran, so the committee is named from what it showed, not from the declaration.
    expect(k.mustTrust).toEqual([{ party: 'the data committee (5 of 7 signatures)', for: ['data'], basis: ['dac-withholding: violated data-availability'] }]);
  });

  it('names the committee from a probe that broke its stated trust assumption, and not at all when the committee held', () => {
    const broken = { ...probe('dac-withholding', 'data', 'violated', 'data-availability'), variant: 'colluding-committee', assumption: 'n − k + 1 members are honest', ownInvariants: ['data-availability' as const] };
    const params = { ...rollupParams, committee: '5 of 6' };
    const trusted = deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'validium', params }, probes: [probe('operator-disappears', 'custody', 'defended'), probe('dac-withholding', 'data', 'defended'), broken] });
    expect(trusted.mustTrust).toEqual([
      { party: 'the data committee (5 of 6 signatures)', for: ['data'], basis: ['dac-withholding against colluding-committee (stated assumption: n − k + 1 members are honest): violated data-availability'] },
    ]);
    expect(trusted).toMatchObject({ verdict: 'Layer 2', reducesToL1: false });
    const held = deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'validium', params }, probes: [probe('operator-disappears', 'custody', 'defended'), { ...broken, outcome: 'defended', violations: [] }] });
    expect(held.mustTrust).toEqual([]);
  });

  it('names no one for a probe that broke only an invariant other than its own (an unsound-proof run showing no exit exists)', () => {
    const collateral = { ...probe('unsound-proof', 'validity', 'violated', 'l1-recoverability'), ownInvariants: ['valid-state-only' as const] };
    const k = deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'rollup', params: rollupParams }, probes: [probe('operator-disappears', 'custody', 'violated'), collateral] });
    expect(k.mustTrust.map((e) => [e.party, e.for])).toEqual([['the sequencer', ['custody']]]);
    const own = { ...collateral, violations: [{ invariant: 'valid-state-only' as const, message: 'a wrong root became final' }] };
    const k2 = deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'rollup', params: rollupParams }, probes: [probe('operator-disappears', 'custody', 'defended'), own] });
    expect(k2.mustTrust.map((e) => [e.party, e.for])).toEqual([['the sequencer', ['validity']]]);
  });

  it('calls it not a Layer 2 when the operator-disappears probe is violated, and then there is no exit window', () => {
    const k = deriveClassification({
      protocol: protocol({ ...rollupTrust, operator: () => 'the federation (3 of 5)', stateValidity: 'federation', dataAvailability: 'operator' }),
      variant: 'secure',
      preset: { name: 'side', params: rollupParams },
      probes: [probe('operator-disappears', 'custody', 'violated', 'l1-recoverability', { entitledWei: '2500000000000000000', recoveredWei: '0' })],
    });
    expect(k.verdict).toBe('not Layer 2');
    expect(k.operatorDisappears.text).toBe('funds stuck: alice recovered 0 ETH of 2.5 ETH through L1');
    expect(k.exitWindow).toMatchObject({ blocks: null, text: 'none' });
    expect(k.withdrawalDelay.text).toBe('45,818 blocks (6.4 days), only while the federation (3 of 5) signs');
    expect(k.mustTrust).toEqual([
      {
        party: 'the federation (3 of 5)',
        for: ['custody', 'validity', 'data'],
        basis: ['operator-disappears: violated l1-recoverability', 'declared: state validity rests on federation signatures; L1 checks no proof', 'declared: data kept by the operator, not on L1'],
      },
    ]);
    expect(k.reducesToL1).toBe(false);
    expect(k.assumes).toEqual([]);
  });

  it('reports no forced-inclusion bound when censorship succeeded, whatever the preset promises', () => {
    const k = deriveClassification({
      protocol: protocol(rollupTrust),
      variant: 'secure',
      preset: { name: 'rollup', params: rollupParams },
      probes: [probe('operator-disappears', 'custody', 'defended'), probe('sequencer-censorship', 'inclusion', 'violated', 'forced-inclusion-bound')],
    });
    expect(k.forcedInclusion).toMatchObject({ text: 'none', source: 'sequencer-censorship violated forced-inclusion-bound: the sequencer kept a transaction out' });
    expect(k.mustTrust.map((e) => [e.party, e.for])).toEqual([['the sequencer', ['inclusion']]]);
  });

  it('says unknown, not a guess, when the verdict probe did not run or failed', () => {
    const none = deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'r', params: rollupParams }, probes: [] });
    expect(none).toMatchObject({ verdict: 'unknown', reducesToL1: null, operatorDisappears: { recoversViaL1: null, text: 'not tested: operator-disappears does not target toy/secure' } });
    const crashed = { ...probe('operator-disappears', 'custody', 'error'), error: 'boom' };
    expect(deriveClassification({ protocol: protocol(rollupTrust), variant: 'secure', preset: { name: 'r', params: rollupParams }, probes: [crashed] }).operatorDisappears.text).toBe(
      'unknown: the run failed (boom)',
    );
  });

  it('classifies from outcomes alone when a protocol declares no trust model, leaving the rest undeclared', () => {
    const k = deriveClassification({ protocol: protocol(), variant: 'secure', preset: { name: 'r', params: {} }, probes: [probe('operator-disappears', 'custody', 'defended')] });
    expect(k).toMatchObject({ verdict: 'Layer 2', reducesToL1: null, dataOnL1: { value: null, text: 'undeclared' } });
    expect(k.exitWindow.text).toBe('undeclared');
  });
});
