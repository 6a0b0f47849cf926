import { describe, expect, it } from 'vitest';
import { campaign } from './harness.ts';

describe('custodial (contrast case)', () => {
  it('the fuzzer finds that users cannot recover funds through L1 once the custodian is gone', async () => {
    const result = await campaign('custodial', 'reference', 20);
    expect(result.failures).toHaveLength(1);
    const failure = result.failures[0]!.failure!;
    expect(failure.violation?.invariant).toBe('l1-recoverability');
    // One deposit is the whole story: nothing the adversary does is needed.
    expect(failure.shrunkSteps).toBe(1);
    expect(failure.moves[0]).toMatchObject({ kind: 'honest', name: 'deposit' });
  });
});
