import { describe, expect, it } from 'vitest';
import { runCampaign, shardRun, type CampaignPlan } from '../../../src/fuzz/campaign.ts';
import type { TrialResult } from '../../../src/fuzz/trial.ts';

const plan = (over: Partial<CampaignPlan> = {}): CampaignPlan => ({ rootSeed: 1, runs: 40, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: false, ...over });

/** A fake trial: runs listed in `failing` fail with the given invariant; later runs finish sooner, to scramble completion order. */
function fakeTrial(failing: Record<number, string>) {
  return async (run: number): Promise<TrialResult> => {
    await new Promise((r) => setTimeout(r, (40 - run) % 7));
    const invariant = failing[run];
    return {
      run,
      seed: run,
      swarm: [],
      modelSteps: 10,
      failure: invariant
        ? { outcome: 'violated', violation: { invariant: invariant as 'conservation', step: 1, phase: 'safety', message: 'x' }, originalSteps: 5, shrunkSteps: 2, moves: [], path: '', traceHash: '0x', configHash: '0x' }
        : undefined,
    };
  };
}

describe('fuzz campaign', () => {
  it('reports the lowest failing run whatever the concurrency', async () => {
    const failing = { 23: 'conservation', 9: 'l1-recoverability', 31: 'conservation' };
    for (const concurrency of [1, 2, 5]) {
      const result = await runCampaign(plan({ concurrency }), fakeTrial(failing), () => 0);
      expect(result.failures.map((f) => f.run)).toEqual([9]);
      expect(result.stoppedBy).toBe('failure');
    }
  });

  it('with keepGoing, reports the first failing run per invariant, identically for 1 or 4 workers', async () => {
    const failing = { 23: 'conservation', 9: 'l1-recoverability', 31: 'conservation' };
    const one = await runCampaign(plan({ keepGoing: true }), fakeTrial(failing), () => 0);
    const four = await runCampaign(plan({ keepGoing: true, concurrency: 4 }), fakeTrial(failing), () => 0);
    expect(one.failures.map((f) => f.run)).toEqual([9, 23]);
    expect(four.failures.map((f) => f.run)).toEqual([9, 23]);
    expect(one.runs).toBe(40);
  });

  it('splits the run indices across shards with no overlap and no gap', () => {
    const indices = (index: number) => {
      const out: number[] = [];
      for (let k = 0, run = shardRun({ runs: 10, shard: { index, count: 3 } }, k); run !== undefined; run = shardRun({ runs: 10, shard: { index, count: 3 } }, ++k)) out.push(run);
      return out;
    };
    expect([1, 2, 3].map(indices)).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(shardRun({ runs: 1e12, shard: { index: 2, count: 4 } }, 1e9)).toBe(4e9 + 1);
  });

  it('stops dispatching when the time budget is spent', async () => {
    let now = 0;
    const result = await runCampaign(plan({ timeBudgetMs: 5 }), async (run) => {
      now += 1;
      return fakeTrial({})(run);
    }, () => now);
    expect(result.runs).toBe(5);
    expect(result.stoppedBy).toBe('time');
  });
});
