import type { AttackResult } from '../kernel/attack.ts';

/** The attack JSON of DESIGN §10; bigints never reach it (amounts are decimal strings). */
export function attackJson(seed: number, l1: string, results: readonly AttackResult[]): unknown {
  const asExpected = results.filter((r) => r.asExpected).length;
  return {
    command: 'attack',
    seed,
    l1,
    results: results.map((r) => ({
      attack: r.attack,
      protocol: r.protocol,
      variant: r.variant,
      preset: r.preset,
      expected: r.expected,
      ...(r.expectedInvariant ? { expectedInvariant: r.expectedInvariant } : {}),
      ...(r.assumption ? { assumption: r.assumption } : {}),
      outcome: r.outcome,
      asExpected: r.asExpected,
      violations: r.violations.map((v) => ({ invariant: v.invariant, step: v.step, phase: v.phase, message: v.message, actors: v.actors, amounts: v.amounts })),
      ...(r.error ? { error: r.error } : {}),
      traceHash: r.traceHash,
      configHash: r.configHash,
      steps: r.steps,
      ms: r.ms,
      repro: r.repro,
    })),
    summary: { total: results.length, asExpected, unexpected: results.length - asExpected },
  };
}
