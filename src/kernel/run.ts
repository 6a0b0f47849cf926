import { bindCheckers, type InvariantDefinition } from '../invariants/define.ts';
import { createL1 } from '../l1/backends.ts';
import type { ProtocolDefinition } from '../protocols/define.ts';
import { meetsExpectation, type AttackDefinition, type AttackResult, type Expectation, type Outcome } from './attack.ts';
import { configHash, type L1Backend, type RunConfig } from './config.ts';
import { UsageError } from './errors.ts';
import { Rng } from './rng.ts';
import { stopwatch } from './stopwatch.ts';
import { World } from './world.ts';

export interface TargetRun {
  readonly attack: AttackDefinition;
  readonly protocol: ProtocolDefinition<unknown>;
  readonly variant: string;
  readonly preset: { readonly name: string; readonly params: unknown; readonly isDefault: boolean };
  readonly seed: number;
  readonly l1: L1Backend;
  readonly invariants: readonly InvariantDefinition<never>[];
}

/** Runs one attack against one protocol variant: setup, safety, recovery, checks. */
export async function runTarget(run: TargetRun): Promise<AttackResult> {
  const elapsed = stopwatch();
  const expectation = run.attack.targets[run.protocol.name]?.[run.variant];
  if (!expectation) throw new UsageError(`attack ${run.attack.name} does not target ${run.protocol.name}/${run.variant}`);
  const config: RunConfig = {
    protocol: run.protocol.name,
    variant: run.variant,
    preset: run.preset.name,
    l1: run.l1,
    seed: run.seed,
    signatures: run.l1 === 'anvil' ? 'secp256k1' : 'ideal',
    params: run.preset.params as Record<string, unknown>,
  };
  const rng = Rng.root(run.seed).fork(`attack:${run.attack.name}`);
  const l1 = await createL1(run.l1);
  const world = new World(config, l1, rng);
  let outcome: Outcome;
  let error: string | undefined;
  try {
    await execute(world, run);
    outcome = world.violations.length > 0 ? 'violated' : 'defended';
  } catch (e) {
    if (e instanceof UsageError) throw e;
    outcome = 'error';
    error = e instanceof Error ? e.message : String(e);
    world.record('error', 'kernel', error);
  } finally {
    await l1.close();
  }
  return {
    attack: run.attack.name,
    protocol: run.protocol.name,
    variant: run.variant,
    preset: run.preset.name,
    seed: run.seed,
    l1: run.l1,
    ...expectationFields(expectation),
    outcome,
    asExpected: meetsExpectation(expectation, outcome, world.violations),
    violations: world.violations,
    traceHash: world.trace.hash,
    configHash: configHash(config),
    steps: world.trace.length,
    ms: elapsed(),
    error,
    repro: reproLine(run),
    trace: world.trace.events,
  };
}

async function execute(world: World, run: TargetRun): Promise<void> {
  const instance = await run.protocol.setup(world, { variant: run.variant, params: run.preset.params });
  world.bindCheckers(bindCheckers(run.invariants, instance.subjects));
  world.phase = 'safety';
  await world.step('phase', 'kernel', `safety phase: ${run.attack.name} against ${run.protocol.name}/${run.variant}`);
  await run.attack.run({ world, instance, protocol: run.protocol.name, variant: run.variant, params: run.preset.params as Record<string, unknown> });
  await recoveryPhase(world, instance.recover.bind(instance));
}

/** The adversary stops, the operator disappears, every honest party is back online, and they exit through L1. */
export async function recoveryPhase(world: World, recover: (world: World) => Promise<void>): Promise<void> {
  world.phase = 'recovery';
  world.l1.policy.clear();
  world.removeRole('operator');
  for (const actor of [...world.actorsWith('honest'), ...world.actorsWith('watchtower')]) world.bringOnline(actor.name);
  await world.step('phase', 'kernel', 'recovery phase: adversary stopped, operator removed, honest users exit via L1');
  await recover(world);
  await world.checkEventually();
}

function expectationFields(expectation: Expectation): Pick<AttackResult, 'expected' | 'expectedInvariant'> {
  return expectation === 'defended' ? { expected: 'defended' } : { expected: 'violated', expectedInvariant: expectation.violated };
}

export function reproLine(run: Pick<TargetRun, 'attack' | 'protocol' | 'variant' | 'preset' | 'seed' | 'l1'>): string {
  const parts = ['l2adv attack', run.attack.name, '--protocol', run.protocol.name, '--variant', run.variant];
  if (!run.preset.isDefault) parts.push('--preset', run.preset.name);
  if (run.l1 !== 'memory') parts.push('--l1', run.l1);
  parts.push('--seed', String(run.seed));
  return parts.join(' ');
}
