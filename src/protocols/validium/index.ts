import type { World } from '../../kernel/world.ts';
import { defineProtocol, type ProtocolInstance, type VariantInfo } from '../define.ts';
import { zkFuzzProfile } from '../zk/fuzz.ts';
import { ZkSession } from '../zk/session.ts';
import { zkFeaturesOf } from '../zk/variants.ts';
import { DataAvailabilityCommittee } from './committee.ts';
import { honestMembersNeeded, memberNames, validiumParams, type ValidiumParams } from './params.ts';
import { VALIDIUM_VARIANTS, validiumFeaturesOf } from './variants.ts';

const validiumFuzzBase = zkFuzzProfile<ValidiumParams>({ extraCapabilities: ['dac-withhold'] });

/**
 * The validium (StarkEx validium mode, Arbitrum AnyTrust): the zk rollup's verifier,
 * forced requests and escape hatch, with batch data held by a k-of-n committee instead of
 * L1. A batch lands as a bare hash only with a certificate of k member signatures, checked
 * on L1; when the committee cannot certify, the sequencer posts the data on L1 (AnyTrust's
 * fallback). Users' exits need that data: they rest on one honest signer serving it.
 */
export const validium = defineProtocol<ValidiumParams>({
  name: 'validium',
  summary: 'validium: the zk verifier and escape hatch, batch data held by a k-of-n committee whose certificate L1 checks; falls back to L1 data',
  variants: Object.fromEntries(Object.entries(VALIDIUM_VARIANTS).map(([name, spec]) => [name, spec.info as VariantInfo])),
  defaultPreset: 'anytrust',
  params: validiumParams,
  trust: {
    operator: () => 'the operator (sequencer and prover)',
    dataAvailability: 'committee',
    dataHolder: (p) => `the data committee (${p.committeeThreshold} of ${p.committeeSize})`,
    stateValidity: 'validity-proof',
    windows: {
      exit: { param: 'forcedRequestDeadlineBlocks' },
      forcedInclusion: 'none',
      withdrawalDelay: { param: 'proofIntervalBlocks' },
    },
  },
  // The zk rollup's adversary plus the committee's: colluding members, and members taken offline (fewer than k online forces the L1 fallback).
  fuzz: {
    ...validiumFuzzBase,
    parties: (p) => [...validiumFuzzBase.parties(p), ...memberNames(p)],
  },
  async setup(world, { variant, params }) {
    const features = validiumFeaturesOf(variant);
    const committee = new DataAvailabilityCommittee(memberNames(params), {
      threshold: params.committeeThreshold,
      retentionSeconds: params.dataRetentionSeconds,
      distinctSigners: features.distinctSigners,
      scheme: world.config.signatures,
      // Within the assumption the adversary holds every member but the honest ones it needs; without it, enough to certify alone.
      maxColluders: features.collusion === 'threshold' ? params.committeeThreshold : params.committeeSize - honestMembersNeeded(params),
    });
    return ZkSession.create(world, params, zkFeaturesOf('secure'), committee);
  },
});

/** The validium's committee behind a protocol instance, for validium attacks and capabilities. */
export function committeeOf(instance: unknown): DataAvailabilityCommittee {
  const committee = instance instanceof ZkSession ? instance.committee : undefined;
  if (!(committee instanceof DataAvailabilityCommittee)) throw new Error('this needs a validium protocol instance');
  return committee;
}

/** The committee of the world's validium, if it is one. */
export function committeeIn(world: World): DataAvailabilityCommittee | undefined {
  const instance = world.instance as ProtocolInstance | undefined;
  return instance instanceof ZkSession && instance.committee instanceof DataAvailabilityCommittee ? instance.committee : undefined;
}
