/** The canonical invariant names (DESIGN §7). A checker for another name cannot be registered. */
export const INVARIANT_NAMES = [
  'conservation',
  'l1-recoverability',
  'latest-state-enforced',
  'valid-state-only',
  'withdrawal-finality',
  'forced-inclusion-bound',
  'accepted-payment-final',
  'data-availability',
] as const;

export type InvariantName = (typeof INVARIANT_NAMES)[number];

/** What a checker reports: enough for a human to see who lost what, and why. */
export interface Finding {
  message: string;
  actors?: string[];
  /** Amounts involved, in wei, as decimal strings (JSON has no bigint). */
  amounts?: Record<string, string>;
}

export interface Violation extends Finding {
  invariant: InvariantName;
  /** Trace step after which the checker fired. */
  step: number;
  phase: 'setup' | 'safety' | 'recovery';
}
