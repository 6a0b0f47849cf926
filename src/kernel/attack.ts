import type { ProtocolInstance } from '../protocols/define.ts';
import type { InvariantName, Violation } from './violation.ts';
import type { TraceEvent } from './trace.ts';
import type { World } from './world.ts';
import type { L1Backend } from './config.ts';

/**
 * What an attack should do to a target: nothing (`defended`) or break one named invariant.
 * `assumption` marks a violation that is a protocol's stated trust assumption failing (no
 * one archives blob data, a committee colludes), not a bug: reporters show it beside the result.
 */
export type Expectation = 'defended' | { readonly violated: InvariantName; readonly assumption?: string };

export function violated(invariant: InvariantName, options: { assumption?: string } = {}): Expectation {
  return options.assumption === undefined ? { violated: invariant } : { violated: invariant, assumption: options.assumption };
}

export interface AttackContext<P = Record<string, unknown>> {
  readonly world: World;
  readonly instance: ProtocolInstance;
  readonly protocol: string;
  readonly variant: string;
  readonly params: P;
}

export interface AttackDefinition {
  readonly name: string;
  readonly summary: string;
  /** Where the mechanism is documented (papers, specs, CVEs, postmortems). */
  readonly references: readonly string[];
  /** protocol → variant → expected outcome. A variant not listed is not a target. */
  readonly targets: Readonly<Record<string, Readonly<Record<string, Expectation>>>>;
  /** The safety-phase script; the kernel runs the recovery phase and the checkers after it. */
  run(context: AttackContext): Promise<void>;
}

export function defineAttack(definition: AttackDefinition): AttackDefinition {
  if (Object.keys(definition.targets).length === 0) throw new Error(`attack ${definition.name} has no targets`);
  return definition;
}

export type Outcome = 'defended' | 'violated' | 'error';

/** A run's result as data; reporters only format it (fast-check's check/assert split). */
export interface AttackResult {
  readonly attack: string;
  readonly protocol: string;
  readonly variant: string;
  readonly preset: string;
  readonly seed: number;
  readonly l1: L1Backend;
  readonly expected: 'defended' | 'violated';
  readonly expectedInvariant?: InvariantName;
  /** The stated trust assumption this target runs without, when its expected violation is that assumption failing rather than a bug. */
  readonly assumption?: string;
  readonly outcome: Outcome;
  readonly asExpected: boolean;
  readonly violations: readonly Violation[];
  readonly traceHash: string;
  readonly configHash: string;
  readonly steps: number;
  readonly ms: number;
  readonly error?: string;
  /** One line that reruns exactly this result. */
  readonly repro: string;
  readonly trace: readonly TraceEvent[];
}

export function meetsExpectation(expectation: Expectation, outcome: Outcome, violations: readonly Violation[]): boolean {
  if (outcome === 'error') return false;
  if (expectation === 'defended') return outcome === 'defended';
  return outcome === 'violated' && violations.some((v) => v.invariant === expectation.violated);
}
