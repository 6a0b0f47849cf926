import type { VariantInfo } from '../define.ts';

/** The validium's mitigations and the trust assumption it states. */
export interface ValidiumFeatures {
  /** The committee contract counts each member once in a certificate (twin `duplicate-signers`). */
  readonly distinctSigners: boolean;
  /**
   * How many members the adversary may win over: `below-threshold` (k − 1, the most the
   * design tolerates) or `threshold` (k: enough to certify alone — the assumption broken).
   */
  readonly collusion: 'below-threshold' | 'threshold';
}

/** What users of a validium take on trust; the `colluding-committee` target of `dac-withholding` runs without it. */
export const HONEST_THRESHOLD = 'at least n − k + 1 committee members are honest (AnyTrust: 2 of N), so every certificate has an honest signer who serves the data';

interface VariantSpec {
  readonly info: VariantInfo;
  readonly features: ValidiumFeatures;
}

export const VALIDIUM_VARIANTS = {
  secure: {
    info: {
      kind: 'secure',
      summary:
        'zk verifier and escape hatch; batch data held by a k-of-n committee whose certificate L1 checks; the sequencer falls back to posting on L1 when the committee cannot certify; at most k − 1 members collude',
    },
    features: { distinctSigners: true, collusion: 'below-threshold' },
  },
  // A twin in form only: it changes nothing in the protocol, it removes the stated trust assumption.
  'colluding-committee': {
    info: {
      kind: 'twin',
      summary: 'k members collude with the operator: they certify data they then withhold',
      removes: `the stated trust assumption: ${HONEST_THRESHOLD}`,
    },
    features: { distinctSigners: true, collusion: 'threshold' },
  },
  'duplicate-signers': {
    info: {
      kind: 'twin',
      summary: 'the committee contract counts signatures, not members: one colluder signing k times certifies alone',
      removes: 'counting each committee member once in a certificate',
    },
    features: { distinctSigners: false, collusion: 'below-threshold' },
  },
} as const satisfies Record<string, VariantSpec>;

export function validiumFeaturesOf(variant: string): ValidiumFeatures {
  const spec = (VALIDIUM_VARIANTS as Record<string, VariantSpec>)[variant];
  if (!spec) throw new Error(`unknown validium variant ${variant}`);
  return spec.features;
}
