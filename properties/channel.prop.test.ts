import { describe, expect, it } from 'vitest';
import { campaign, describeFailure } from './harness.ts';

describe('channel', () => {
  it('secure: no random schedule of payments, closes, stale broadcasts, replays, censorship, reorgs and outages within budget breaks an invariant', async () => {
    const result = await campaign('channel', 'secure', 150);
    expect(describeFailure(result)).toBe('no failure');
    expect(result.runs).toBe(150);
  });

  it.each([
    ['no-challenge-period', 200],
    ['accepts-stale-version', 600],
    ['unbound-signature', 200],
    ['no-watchtower', 600],
  ])('%s: the fuzzer finds the twin within %i runs and shrinks it to a handful of moves', async (variant, runs) => {
    const result = await campaign('channel', variant, runs);
    const failure = result.failures[0]?.failure;
    expect(failure?.violation?.invariant, describeFailure(result)).toMatch(/latest-state-enforced|l1-recoverability/);
    expect(failure!.shrunkSteps).toBeLessThanOrEqual(8);
  });
});
