import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTarget } from '../../../../src/catalogue.ts';
import { scheduleArbitrary } from '../../../../src/fuzz/moves.ts';
import { fuzzScope, playOnce } from '../../../../src/fuzz/trial.ts';

describe('sidechain fuzz profile', () => {
  it('under reorgs, censorship, offline members and halts, only l1-recoverability ever fires, and only in recovery', async () => {
    const target = fuzzTarget({ protocol: 'sidechain', variant: 'reference', l1: 'memory', maxSteps: 30 });
    const profile = target.protocol.fuzz!;
    const schedules = scheduleArbitrary({
      honest: profile.moves,
      capabilities: target.capabilities,
      scope: fuzzScope(target),
      maxSteps: 30,
    });
    const outcomes = new Set<string>();
    for (const [i, moves] of fc.sample(schedules, { numRuns: 80, seed: 11 }).entries()) {
      const r = await playOnce(target, i, moves, target.capabilities);
      expect(r.error).toBeUndefined();
      for (const v of r.violations) expect(`${v.invariant} in ${v.phase}`).toBe('l1-recoverability in recovery');
      outcomes.add(r.outcome);
    }
    // Both happen: schedules that leave funds on the sidechain lose them, the rest have nothing to lose.
    expect([...outcomes].sort()).toEqual(['defended', 'violated']);
  });

  it('lets the fuzzer target federation members as parties', () => {
    const target = fuzzTarget({ protocol: 'sidechain', variant: 'reference', l1: 'memory', maxSteps: 5 });
    expect(target.protocol.fuzz!.parties(target.preset.params)).toEqual(['alice', 'bob', ...Array.from({ length: 15 }, (_, i) => `federation-${i + 1}`)]);
  });
});
