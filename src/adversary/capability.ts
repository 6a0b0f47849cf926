import type fc from 'fast-check';
import type { AdversaryBudget, World } from '../kernel/world.ts';

/**
 * What a capability's generator may know: fast-check draws a whole schedule before the
 * world exists, so arguments come from the budget and the protocol's named parties, and
 * `apply` clamps them to what the world allows when they run.
 */
export interface FuzzScope {
  readonly budget: AdversaryBudget;
  readonly parties: readonly string[];
}

/**
 * One thing the adversary can do, with the generator that draws its arguments (Jepsen
 * pairs each nemesis with its generator the same way). `apply` returns a one-line
 * account of what it did, for the trace.
 */
export interface Capability<A> {
  readonly name: string;
  readonly description: string;
  apply(world: World, args: A): Promise<string>;
  arbitrary(scope: FuzzScope): fc.Arbitrary<A>;
}

export function defineCapability<A>(capability: Capability<A>): Capability<A> {
  return capability;
}

/**
 * A capability whose precondition does not hold in this state (no revoked state yet, no
 * second channel, the operator already gone). The fuzzer draws such moves all the time;
 * they are traced no-ops, while any other throw is a bug in the model.
 */
export class NotApplicable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotApplicable';
  }
}

/** The adversary acts only in the safety phase; in recovery it has stopped by definition. */
export async function unleash<A>(world: World, capability: Capability<A>, args: A): Promise<void> {
  if (world.phase !== 'safety') throw new Error(`adversary capability ${capability.name} used in the ${world.phase} phase`);
  let summary: string;
  try {
    summary = await capability.apply(world, args);
  } catch (e) {
    if (!(e instanceof NotApplicable)) throw e;
    world.record('adversary', 'adversary', `${capability.name}: not applicable: ${e.message}`, { capability: capability.name, args });
    return;
  }
  await world.step('adversary', 'adversary', `${capability.name}: ${summary}`, { capability: capability.name, args });
}

export class BudgetExceeded extends Error {
  constructor(capability: string, asked: number, budget: number, unit: string) {
    super(`${capability} asked for ${asked} ${unit}, over its budget of ${budget}: the secure variants only promise safety within it`);
    this.name = 'BudgetExceeded';
  }
}
