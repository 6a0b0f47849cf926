import fc from 'fast-check';
import type { Capability, FuzzScope } from '../adversary/capability.ts';
import type { InvariantDefinition } from '../invariants/define.ts';
import type { L1Backend } from '../kernel/config.ts';
import { Rng } from '../kernel/rng.ts';
import { runScenario, type PresetChoice, type Scenario, type ScenarioResult } from '../kernel/run.ts';
import { defaultBudget } from '../kernel/world.ts';
import type { Violation } from '../kernel/violation.ts';
import type { ProtocolDefinition } from '../protocols/define.ts';
import { scheduleArbitrary, type Move } from './moves.ts';
import { playSchedule } from './play.ts';

export interface FuzzTarget {
  readonly protocol: ProtocolDefinition<unknown>;
  readonly variant: string;
  readonly preset: PresetChoice;
  readonly l1: L1Backend;
  readonly invariants: readonly InvariantDefinition<never>[];
  readonly capabilities: readonly Capability<unknown>[];
  /** Most moves in one schedule. */
  readonly maxSteps: number;
}

export interface TrialFailure {
  readonly outcome: 'violated' | 'error';
  readonly violation?: Violation;
  readonly error?: string;
  readonly originalSteps: number;
  readonly shrunkSteps: number;
  readonly moves: readonly Move[];
  readonly path: string;
  readonly traceHash: string;
  readonly configHash: string;
}

export interface TrialResult {
  readonly run: number;
  readonly seed: number;
  readonly swarm: readonly string[];
  /** Model steps (trace events) executed, shrinking included: the throughput figure. */
  readonly modelSteps: number;
  readonly failure?: TrialFailure;
}

/** Run i of a campaign gets its own seed from the root, so any worker can run any index. */
export function runSeed(rootSeed: number, run: number): number {
  return Rng.root(rootSeed).fork(`run:${run}`).seed32();
}

/**
 * Swarm testing: each run enables a random subset of the adversary's capabilities, so
 * one capability never crowds out the interplay of others (Groce et al., ISSTA 2012).
 */
export function swarmFor(seed: number, capabilities: readonly Capability<unknown>[]): Capability<unknown>[] {
  const rng = Rng.root(seed).fork('swarm');
  return capabilities.filter(() => rng.chance(0.5));
}

/** What the adversary's generators may name and how far they may go against this target. */
export function fuzzScope(target: FuzzTarget): FuzzScope {
  const profile = target.protocol.fuzz!;
  const params = target.preset.params;
  return { budget: { ...defaultBudget(64), ...profile.budget?.(params) }, parties: profile.parties(params), guardians: profile.guardians?.(params) ?? [] };
}

/**
 * The schedule generator for a swarm subset, built once per target and subset: an
 * arbitrary is immutable, and a campaign draws the same few dozen subsets thousands of times.
 */
function scheduleFor(target: FuzzTarget, swarm: readonly Capability<unknown>[]): fc.Arbitrary<Move[]> {
  let bySwarm = schedules.get(target);
  if (!bySwarm) schedules.set(target, (bySwarm = new Map()));
  const key = swarm.map((c) => c.name).join(',');
  let schedule = bySwarm.get(key);
  if (!schedule) {
    schedule = scheduleArbitrary({ honest: target.protocol.fuzz!.moves, capabilities: swarm, scope: fuzzScope(target), maxSteps: target.maxSteps });
    bySwarm.set(key, schedule);
  }
  return schedule;
}

const schedules = new WeakMap<FuzzTarget, Map<string, fc.Arbitrary<Move[]>>>();

/** Plays one schedule from scratch: a fresh world, the moves, recovery, checks. */
export function playOnce(
  target: FuzzTarget,
  seed: number,
  moves: readonly Move[],
  capabilities: readonly Capability<unknown>[],
  inspect?: Scenario['inspect'],
): Promise<ScenarioResult> {
  const byName = new Map(capabilities.map((c) => [c.name, c]));
  const budget = target.protocol.fuzz?.budget?.(target.preset.params);
  const { protocol, variant, preset, l1, invariants } = target;
  return runScenario({ protocol, variant, preset, l1, invariants, seed, stream: 'fuzz', budget, inspect, safety: (context) => playSchedule(context, moves, byName) });
}

/** One fuzz run: draw a schedule, play it, and if anything breaks, let fast-check shrink it (`onDetected` is told when it first breaks). */
export async function runTrial(target: FuzzTarget, rootSeed: number, run: number, onDetected?: () => void): Promise<TrialResult> {
  const seed = runSeed(rootSeed, run);
  const swarm = swarmFor(seed, target.capabilities);
  const schedule = scheduleFor(target, swarm);
  let modelSteps = 0;
  let originalSteps: number | undefined;
  const property = fc.asyncProperty(schedule, async (moves) => {
    const result = await playOnce(target, seed, moves, swarm);
    modelSteps += result.steps;
    if (result.outcome !== 'defended' && originalSteps === undefined) {
      originalSteps = moves.length;
      // Detection is this first failing schedule; everything after is shrinking it.
      onDetected?.();
    }
    return result.outcome === 'defended';
  });
  const details = await fc.check(property, { seed, numRuns: 1 });
  const base = { run, seed, swarm: swarm.map((c) => c.name) };
  if (!details.failed || !details.counterexample) return { ...base, modelSteps };
  const fails = async (candidate: readonly Move[]) => {
    const r = await playOnce(target, seed, candidate, swarm);
    modelSteps += r.steps;
    return r.outcome !== 'defended';
  };
  const moves = await oneMinimal(details.counterexample[0], fails);
  const replayed = await playOnce(target, seed, moves, swarm);
  modelSteps += replayed.steps;
  // The same schedule from the same seed must fail again; if not, something in the model is not deterministic.
  const flaky = replayed.outcome === 'defended' ? 'the shrunk schedule passed when replayed: the model is not deterministic (a bug)' : undefined;
  return {
    ...base,
    modelSteps,
    failure: {
      outcome: replayed.outcome === 'violated' ? 'violated' : 'error',
      violation: replayed.violations[0],
      error: replayed.error ?? flaky,
      originalSteps: originalSteps ?? moves.length,
      shrunkSteps: moves.length,
      moves,
      path: details.counterexamplePath ?? '',
      traceHash: replayed.traceHash,
      configHash: replayed.configHash,
    },
  };
}

/**
 * fast-check's shrinker is greedy and can stop early; finish with a 1-minimal pass
 * (delta debugging's last step): drop single moves while the schedule still fails.
 */
async function oneMinimal(moves: readonly Move[], fails: (m: readonly Move[]) => Promise<boolean>): Promise<Move[]> {
  let current = [...moves];
  for (let i = current.length - 1; i >= 0 && current.length > 1; i--) {
    const without = [...current.slice(0, i), ...current.slice(i + 1)];
    if (await fails(without)) current = without;
  }
  return current;
}
