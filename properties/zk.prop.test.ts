import { describe, expect, it } from 'vitest';
import { campaign, describeFailure } from './harness.ts';

describe('zk', () => {
  it('secure: no random schedule of deposits, payments, withdrawals and exits against censorship, reorgs, outages, a halted operator, a corrupted prover and forced overdrafts breaks an invariant', async () => {
    const result = await campaign('zk', 'secure', 300);
    expect(describeFailure(result)).toBe('no failure');
    expect(result.runs).toBe(300);
  });

  it.each([
    // A corrupted prover's forged proof of an overdraft is accepted: a root no honest replay reaches.
    ['unsound-verifier', /valid-state-only|conservation/, 200],
    // The freeze comes, and then nothing: funds stay in the bridge.
    ['no-escape-hatch', /l1-recoverability/, 100],
  ])('%s: the fuzzer finds the twin (%s) within %i runs and shrinks it to a handful of moves', async (variant, invariant, runs) => {
    const result = await campaign('zk', variant, runs);
    const failure = result.failures[0]?.failure;
    expect(failure?.violation?.invariant, describeFailure(result)).toMatch(invariant);
    expect(failure!.shrunkSteps).toBeLessThanOrEqual(8);
  });
});
