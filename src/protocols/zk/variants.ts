import type { VariantInfo } from '../define.ts';
import { ALL_CONSTRAINTS, type Constraints } from './circuit.ts';

/** The zk rollup's mitigations, one flag each. */
export interface ZkFeatures {
  /** The constraints the L1 verifier enforces when it re-executes a proof (twin `unsound-verifier`). */
  readonly verifierConstraints: Constraints;
  /** A frozen rollup lets users exit against the last verified root (twin `no-escape-hatch`). */
  readonly escapeHatch: boolean;
}

const SECURE_ZK: ZkFeatures = { verifierConstraints: ALL_CONSTRAINTS, escapeHatch: true };

interface VariantSpec {
  readonly info: VariantInfo;
  readonly removes: Partial<ZkFeatures>;
}

export const ZK_VARIANTS = {
  secure: {
    info: {
      kind: 'secure',
      summary: 'L1 re-executes every proven batch over Merkle witnesses; a forced request ignored past its deadline freezes the rollup and opens the escape hatch',
    },
    removes: {},
  },
  'unsound-verifier': {
    info: { kind: 'twin', summary: "the verifier's re-execution skips the sender-balance check: an overdraft proves", removes: 'the sender-balance constraint (the missing-constraint class of real prover bugs)' },
    removes: { verifierConstraints: { senderBalance: false } },
  },
  'no-escape-hatch': {
    info: { kind: 'twin', summary: 'a frozen rollup has no exit: funds stay locked in the bridge', removes: 'the escape hatch (exit by Merkle proof against the last verified root)' },
    removes: { escapeHatch: false },
  },
} as const satisfies Record<string, VariantSpec>;

export function zkFeaturesOf(variant: string): ZkFeatures {
  const spec = (ZK_VARIANTS as Record<string, VariantSpec>)[variant];
  if (!spec) throw new Error(`unknown zk variant ${variant}`);
  return { ...SECURE_ZK, ...spec.removes };
}
