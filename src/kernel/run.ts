import { bindCheckers, type InvariantDefinition } from '../invariants/define.ts';
import { createL1 } from '../l1/backends.ts';
import type { AnvilNodePool } from '../l1/anvil/pool.ts';
import type { L1 } from '../l1/L1.ts';
import type { ProtocolDefinition, ProtocolInstance } from '../protocols/define.ts';
import { meetsExpectation, type AttackContext, type AttackDefinition, type AttackResult, type Expectation, type Outcome } from './attack.ts';
import { configHash, type L1Backend, type RunConfig } from './config.ts';
import { UsageError } from './errors.ts';
import { Rng } from './rng.ts';
import { stopwatch } from './stopwatch.ts';
import { Trace, type TraceEvent } from './trace.ts';
import type { Violation } from './violation.ts';
import { World, type AdversaryBudget } from './world.ts';

export interface PresetChoice {
  readonly name: string;
  readonly params: unknown;
  readonly isDefault: boolean;
}

/** One world to run: which protocol, variant and preset, on which L1, from which seed. */
export interface Scenario {
  readonly protocol: ProtocolDefinition<unknown>;
  readonly variant: string;
  readonly preset: PresetChoice;
  readonly seed: number;
  readonly l1: L1Backend;
  readonly invariants: readonly InvariantDefinition<never>[];
  /** Names the run's rng stream (`attack:<name>`, `fuzz`), so different jobs draw independently. */
  readonly stream: string;
  /** Limits of the adversary in this run. @defaultValue the kernel's defaults */
  readonly budget?: Partial<AdversaryBudget>;
  /** What happens in the safety phase; the kernel runs setup before and recovery after. */
  readonly safety: (context: AttackContext) => Promise<void>;
  /** Called once the protocol is set up, before the safety phase: lets a caller watch the run (the Foundry exporter records its L1 calls). @defaultValue none */
  readonly inspect?: (world: World, instance: ProtocolInstance) => void;
  /** Anvil nodes runs hand on to each other, reset to genesis in between (a CLI campaign). @defaultValue none: the run starts its own node and kills it */
  readonly nodes?: AnvilNodePool;
}

export interface ScenarioResult {
  readonly outcome: Outcome;
  readonly violations: readonly Violation[];
  readonly error?: string;
  readonly traceHash: string;
  readonly configHash: string;
  readonly steps: number;
  readonly ms: number;
  readonly trace: readonly TraceEvent[];
}

/** Setup, safety phase, recovery phase, checks; a thrown error becomes outcome `error`, never a pass. */
export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const elapsed = stopwatch();
  const config: RunConfig = {
    protocol: scenario.protocol.name,
    variant: scenario.variant,
    preset: scenario.preset.name,
    l1: scenario.l1,
    seed: scenario.seed,
    signatures: scenario.l1 === 'anvil' ? 'secp256k1' : 'ideal',
    params: scenario.preset.params as Record<string, unknown>,
  };
  let l1: L1;
  try {
    l1 = await createL1(scenario.l1, scenario.nodes);
  } catch (e) {
    // A node that dies or hangs while starting is that result's error, as a crash mid-run is; the campaign goes on.
    if (e instanceof UsageError) throw e;
    return startFailure(config, e, elapsed());
  }
  const world = new World(config, l1, Rng.root(scenario.seed).fork(scenario.stream), scenario.budget);
  let outcome: Outcome;
  let error: string | undefined;
  try {
    await execute(world, scenario);
    outcome = world.violations.length > 0 ? 'violated' : 'defended';
  } catch (e) {
    if (e instanceof UsageError) throw e;
    outcome = 'error';
    error = e instanceof Error ? e.message : String(e);
    world.record('error', 'kernel', error);
  } finally {
    await l1.close();
  }
  // Hashed when first read: nobody asks for the hashes of a passing fuzz run.
  return {
    outcome,
    violations: world.violations,
    error,
    get traceHash() {
      return world.trace.hash;
    },
    get configHash() {
      return configHash(config);
    },
    steps: world.trace.length,
    ms: elapsed(),
    trace: world.trace.events,
  };
}

function startFailure(config: RunConfig, e: unknown, ms: number): ScenarioResult {
  const error = e instanceof Error ? e.message : String(e);
  const trace = new Trace();
  trace.append({ l1: 0, phase: 'setup', kind: 'error', actor: 'kernel', summary: error });
  return { outcome: 'error', violations: [], error, traceHash: trace.hash, configHash: configHash(config), steps: trace.length, ms, trace: trace.events };
}

async function execute(world: World, scenario: Scenario): Promise<void> {
  const { protocol, variant } = scenario;
  const instance = await protocol.setup(world, { variant, params: scenario.preset.params });
  world.instance = instance;
  scenario.inspect?.(world, instance);
  world.bindCheckers(bindCheckers(scenario.invariants, instance.subjects));
  world.phase = 'safety';
  await world.step('phase', 'kernel', `safety phase: ${scenario.stream} against ${protocol.name}/${variant}`);
  await scenario.safety({ world, instance, protocol: protocol.name, variant, params: scenario.preset.params as Record<string, unknown> });
  await recoveryPhase(world, instance.recover.bind(instance));
}

/**
 * The adversary stops, the operator disappears, every honest party is back online, and
 * they exit through L1. With the adversary's hold on L1 gone, transactions already sent
 * (a funding reorged out, a censored challenge) are mined first: L1 liveness is the one
 * assumption every exit rests on.
 */
export async function recoveryPhase(world: World, recover: (world: World) => Promise<void>): Promise<void> {
  world.phase = 'recovery';
  world.l1.policy.clear();
  world.removeRole('operator');
  for (const actor of [...world.actorsWith('honest'), ...world.actorsWith('watchtower')]) world.bringOnline(actor.name);
  await world.step('phase', 'kernel', 'recovery phase: adversary stopped, operator removed, honest users exit via L1');
  await world.settle();
  await recover(world);
  await world.checkEventually();
}

export interface TargetRun extends Omit<Scenario, 'stream' | 'safety'> {
  readonly attack: AttackDefinition;
}

/** Runs one attack against one protocol variant and judges the outcome against its expectation. */
export async function runTarget(run: TargetRun): Promise<AttackResult> {
  const expectation = run.attack.targets[run.protocol.name]?.[run.variant];
  if (!expectation) throw new UsageError(`attack ${run.attack.name} does not target ${run.protocol.name}/${run.variant}`);
  const result = await runScenario({ ...run, stream: `attack:${run.attack.name}`, safety: (context) => run.attack.run(context) });
  return {
    attack: run.attack.name,
    protocol: run.protocol.name,
    variant: run.variant,
    preset: run.preset.name,
    seed: run.seed,
    l1: run.l1,
    ...expectationFields(expectation),
    ...result,
    asExpected: meetsExpectation(expectation, result.outcome, result.violations),
    repro: reproLine(run),
  };
}

function expectationFields(expectation: Expectation): Pick<AttackResult, 'expected' | 'expectedInvariant' | 'assumption'> {
  if (expectation === 'defended') return { expected: 'defended' };
  const fields = { expected: 'violated' as const, expectedInvariant: expectation.violated };
  return expectation.assumption === undefined ? fields : { ...fields, assumption: expectation.assumption };
}

export function reproLine(run: Pick<TargetRun, 'attack' | 'protocol' | 'variant' | 'preset' | 'seed' | 'l1'>): string {
  const parts = ['l2adv attack', run.attack.name, '--protocol', run.protocol.name, '--variant', run.variant];
  if (!run.preset.isDefault) parts.push('--preset', run.preset.name);
  if (run.l1 !== 'memory') parts.push('--l1', run.l1);
  parts.push('--seed', String(run.seed));
  return parts.join(' ');
}
