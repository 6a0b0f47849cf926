import { fuzzTarget } from '../catalogue.ts';
import type { AttackResult } from '../kernel/attack.ts';
import type { L1Backend } from '../kernel/config.ts';
import { UsageError } from '../kernel/errors.ts';
import type { Scenario, ScenarioResult } from '../kernel/run.ts';
import type { ReproFile } from './repro.ts';
import { playOnce } from './trial.ts';

export interface ReplayResult extends ScenarioResult {
  /** Same traceHash as the file (same backend), or the same invariant violated (another backend). */
  readonly reproduced: boolean;
  readonly reproducedBy: 'traceHash' | 'invariant';
}

/** Plays a repro file's commands again from its seed: no generation, no shrinking, just the schedule. */
export async function replayRepro(repro: ReproFile, l1: L1Backend = repro.l1, inspect?: Scenario['inspect']): Promise<ReplayResult> {
  const target = fuzzTarget({ protocol: repro.protocol, variant: repro.variant, preset: repro.preset, l1, maxSteps: repro.commands.length });
  const swarm = repro.swarm.map((name) => {
    const found = target.capabilities.find((c) => c.name === name);
    if (!found) throw new UsageError(`repro file names capability "${name}", which ${repro.protocol} does not enable; valid: ${target.capabilities.map((c) => c.name).join(', ')}`);
    return found;
  });
  const result = await playOnce(target, repro.seed, repro.commands, swarm, inspect);
  if (l1 === repro.l1) return { ...result, reproduced: result.traceHash === repro.traceHash, reproducedBy: 'traceHash' };
  const wanted = repro.violation?.invariant;
  return { ...result, reproduced: wanted !== undefined && result.violations.some((v) => v.invariant === wanted), reproducedBy: 'invariant' };
}

/** A replayed schedule in the result shape every reporter reads (console, JSON, HTML). */
export function replayAsResult(repro: ReproFile, file: string, result: ReplayResult, l1: L1Backend): AttackResult {
  return {
    attack: `fuzz run ${repro.run} (seed ${repro.rootSeed})`,
    protocol: repro.protocol,
    variant: repro.variant,
    preset: repro.preset,
    seed: repro.seed,
    l1,
    expected: repro.violation ? 'violated' : 'defended',
    ...(repro.violation ? { expectedInvariant: repro.violation.invariant } : {}),
    outcome: result.outcome,
    asExpected: result.reproduced,
    violations: result.violations,
    error: result.error,
    traceHash: result.traceHash,
    configHash: result.configHash,
    steps: result.steps,
    ms: result.ms,
    repro: `l2adv replay ${file}`,
    trace: result.trace,
  };
}
