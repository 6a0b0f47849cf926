import { describe, expect, it } from 'vitest';
import { campaign, describeFailure } from './harness.ts';

describe('validium', () => {
  it('secure: no random schedule of honest moves against the zk adversary, offline committee members and collusion within the honest threshold breaks an invariant', async () => {
    const result = await campaign('validium', 'secure', 200);
    expect(describeFailure(result)).toBe('no failure');
    expect(result.runs).toBe(200);
  });

  // k colluders (or one colluder's repeated signature, in the duplicate-signers twin) certify a batch and serve nothing:
  // a verified root over data nobody else holds. When that batch consumed a deposit, conservation is the first to see
  // it — no honest replay can say whose the escrowed ether now is — at the same step as data-availability.
  it.each([
    ['colluding-committee', /data-availability|l1-recoverability|conservation/, 100],
    ['duplicate-signers', /data-availability|l1-recoverability|conservation/, 100],
  ])('%s: the fuzzer finds the twin (%s) within %i runs and shrinks it to a handful of moves', async (variant, invariant, runs) => {
    const result = await campaign('validium', variant, runs);
    const failure = result.failures[0]?.failure;
    expect(failure?.violation?.invariant, describeFailure(result)).toMatch(invariant);
    expect(failure!.shrunkSteps).toBeLessThanOrEqual(8);
  });
});
