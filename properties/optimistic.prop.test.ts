import { describe, expect, it } from 'vitest';
import { campaign, describeFailure } from './harness.ts';

describe('optimistic', () => {
  it('secure: no random schedule of deposits, payments, withdrawals and exits against censorship, reorgs, outages, a halted operator, forged roots, stalled disputes and rollback attempts breaks an invariant', async () => {
    const result = await campaign('optimistic', 'secure', 200);
    expect(describeFailure(result)).toBe('no failure');
    expect(result.runs).toBe(200);
  });

  // Bounds are a few times the run at which seeds 1–3 first failed, so another seed still fits.
  it.each([
    ['no-forced-inclusion', /forced-inclusion-bound|l1-recoverability/, 50],
    ['commit-without-data', /data-availability|l1-recoverability/, 150],
    ['unchecked-batch-bounds', /accepted-payment-final/, 400],
    ['no-zip-bomb-limit', /accepted-payment-final/, 150],
    ['merchant-accepts-soft', /accepted-payment-final/, 100],
    ['no-fraud-proof', /valid-state-only|conservation/, 300],
    ['instant-withdrawal', /withdrawal-finality/, 300],
    ['short-challenge-window', /valid-state-only/, 1000],
    ['no-blob-archive', /l1-recoverability/, 400],
  ])('%s: the fuzzer finds the twin (%s) within %i runs and shrinks it to a handful of moves', async (variant, invariant, runs) => {
    const result = await campaign('optimistic', variant, runs);
    const failure = result.failures[0]?.failure;
    expect(failure?.violation?.invariant, describeFailure(result)).toMatch(invariant);
    expect(failure!.shrunkSteps).toBeLessThanOrEqual(8);
  });
});
