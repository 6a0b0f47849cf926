import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzTarget } from '../../../../src/catalogue.ts';
import { scheduleArbitrary, type Move } from '../../../../src/fuzz/moves.ts';
import { fuzzScope, playOnce } from '../../../../src/fuzz/trial.ts';

function target(variant: string) {
  return fuzzTarget({ protocol: 'validium', variant, l1: 'memory', maxSteps: 25 });
}

describe('validium fuzz profile', () => {
  it('adds colluding members and committee members as parties to the zk adversary', () => {
    const t = target('secure');
    expect(t.capabilities.map((c) => c.name)).toContain('dac-withhold');
    expect(t.protocol.fuzz!.parties(t.preset.params)).toEqual(['alice', 'bob', 'carol', 'merchant', 'dac-1', 'dac-2', 'dac-3', 'dac-4', 'dac-5', 'dac-6']);
  });

  it('raises no false alarm on the secure variant under random schedules with collusion within the assumption', async () => {
    const t = target('secure');
    const profile = t.protocol.fuzz!;
    const schedules = scheduleArbitrary({ honest: profile.moves, capabilities: t.capabilities, scope: fuzzScope(t), maxSteps: 25 });
    for (const [i, moves] of fc.sample(schedules, { numRuns: 25, seed: 5 }).entries()) {
      const r = await playOnce(t, i, moves, t.capabilities);
      expect(r.error).toBeUndefined();
      expect(r.violations).toEqual([]);
    }
  });

  it('sees a colluding committee withhold the data behind a verified root, from a short schedule', async () => {
    const moves: Move[] = [
      { kind: 'honest', name: 'deposit', args: { user: 0, eth: 5 } },
      { kind: 'adversary', name: 'dac-withhold', args: { members: 6 } },
      { kind: 'advance', blocks: 80 },
    ];
    const t = target('colluding-committee');
    const r = await playOnce(t, 1, moves, t.capabilities);
    expect(r.violations.map((v) => v.invariant)).toContain('data-availability');
    const secure = target('secure');
    expect((await playOnce(secure, 1, moves, secure.capabilities)).violations).toEqual([]);
  });
});
