import fc from 'fast-check';
import { Refusal } from '../kernel/errors.ts';
import type { AdversaryBudget, World } from '../kernel/world.ts';

/**
 * What a capability's generator may know: fast-check draws a whole schedule before the
 * world exists, so arguments come from the budget and the protocol's named parties, and
 * `apply` clamps them to what the world allows when they run.
 */
export interface FuzzScope {
  readonly budget: AdversaryBudget;
  readonly parties: readonly string[];
  /** Parties whose L1 transactions protect everyone else's funds (a rollup's watchtower); may be empty. */
  readonly guardians: readonly string[];
}

/**
 * The party a censorship or outage move aims at. Half the draws go to a guardian when
 * there is one: silencing the one challenger is what a window must outlast, and among a
 * dozen users it would otherwise be drawn too rarely to test that.
 */
export function targetParty(scope: FuzzScope): fc.Arbitrary<string> {
  const anyone = fc.constantFrom(...scope.parties);
  return scope.guardians.length === 0 ? anyone : fc.oneof(fc.constantFrom(...scope.guardians), anyone);
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
export class NotApplicable extends Refusal {
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
