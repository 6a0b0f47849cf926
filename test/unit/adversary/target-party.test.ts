import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { targetParty } from '../../../src/adversary/capability.ts';
import { censorL1 } from '../../../src/adversary/censor-l1.ts';
import { goOffline } from '../../../src/adversary/go-offline.ts';
import { defaultBudget } from '../../../src/kernel/world.ts';

const parties = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'merchant', 'watchtower'];

function share(draws: string[], name: string): number {
  return draws.filter((d) => d === name).length / draws.length;
}

describe('adversary targets', () => {
  it('aims censorship and outages at a guardian about half the time, against one draw in ten without guardians', () => {
    const guarded = { budget: defaultBudget(64), parties, guardians: ['watchtower'] };
    const unguarded = { ...guarded, guardians: [] };
    for (const capability of [censorL1, goOffline]) {
      const withGuardian = fc.sample(capability.arbitrary(guarded), { numRuns: 2_000, seed: 7 }).map((a) => a.party);
      const without = fc.sample(capability.arbitrary(unguarded), { numRuns: 2_000, seed: 7 }).map((a) => a.party);
      expect(share(withGuardian, 'watchtower')).toBeGreaterThan(0.45);
      expect(share(without, 'watchtower')).toBeLessThan(0.15);
      // Everyone else is still drawn.
      expect(new Set(withGuardian)).toEqual(new Set(parties));
    }
  });

  it('draws exactly as before for a protocol that names no guardian', () => {
    const scope = { budget: defaultBudget(64), parties: ['alice', 'bob'], guardians: [] };
    expect(fc.sample(targetParty(scope), { numRuns: 50, seed: 3 })).toEqual(fc.sample(fc.constantFrom('alice', 'bob'), { numRuns: 50, seed: 3 }));
  });
});
