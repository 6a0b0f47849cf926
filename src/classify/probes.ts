import type { ProtocolDefinition } from '../protocols/define.ts';

/** What users must trust someone for, when a probe succeeds against the design as intended. */
export type TrustQuestion = 'custody' | 'inclusion' | 'data' | 'validity';

export interface Probe {
  readonly attack: string;
  /** What a violation against the protocol's reference point shows users depend on someone for. */
  readonly question: TrustQuestion;
}

/**
 * The trust-relevant attacks, in the order `classify` runs them. Each runs against every
 * protocol it targets; an attack not registered yet, or not targeting a protocol, is
 * simply not run — so a protocol added later needs only its declarations and attacks.
 * `operator-disappears` decides the verdict; the others add whom users must trust.
 */
export const PROBES: readonly Probe[] = [
  { attack: 'operator-disappears', question: 'custody' },
  { attack: 'ignored-forced-exit', question: 'custody' },
  { attack: 'sequencer-censorship', question: 'inclusion' },
  { attack: 'withheld-data', question: 'data' },
  { attack: 'dac-withholding', question: 'data' },
  { attack: 'invalid-state-root', question: 'validity' },
  { attack: 'unsound-proof', question: 'validity' },
];

/** The attack whose outcome decides the verdict. */
export const VERDICT_PROBE = 'operator-disappears';

/**
 * The variant a classification describes: the system as designed — the `secure`
 * reference implementation, or for a contrast system its `reference` variant. Twins
 * remove a mitigation on purpose and say nothing about the real system.
 */
export function referenceVariant(protocol: ProtocolDefinition<unknown>): string {
  const entries = Object.entries(protocol.variants);
  const found = entries.find(([, v]) => v.kind === 'secure') ?? entries.find(([, v]) => v.kind === 'reference');
  if (!found) throw new Error(`protocol ${protocol.name} has no secure or reference variant to classify`);
  return found[0];
}
