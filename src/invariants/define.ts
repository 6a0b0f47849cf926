import type { CheckerBinding, World } from '../kernel/world.ts';
import type { Finding, InvariantName } from '../kernel/violation.ts';

/**
 * A checker is a pure function of what the protocol exposes (`subject`) and the world's
 * L1: it never changes state, and it decides from ground truth — L1 and derivation —
 * never from what the operator claims.
 */
export interface InvariantDefinition<S> {
  readonly name: InvariantName;
  readonly kind: 'always' | 'eventually';
  readonly description: string;
  check(subject: S, world: World): Promise<Finding[]>;
}

export function defineInvariant<S>(definition: InvariantDefinition<S>): InvariantDefinition<S> {
  return definition;
}

/** Binds every checker the protocol offers a subject for. */
export function bindCheckers(
  invariants: readonly InvariantDefinition<never>[],
  subjects: Partial<Record<InvariantName, unknown>>,
): CheckerBinding[] {
  return invariants
    .filter((inv) => subjects[inv.name] !== undefined)
    .map((inv) => ({
      name: inv.name,
      kind: inv.kind,
      check: (world: World) => (inv as InvariantDefinition<unknown>).check(subjects[inv.name], world),
    }));
}
