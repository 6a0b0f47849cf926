import type { TrialResult } from './trial.ts';

export interface CampaignPlan {
  readonly rootSeed: number;
  /** Runs in the whole campaign, across every shard. */
  readonly runs: number;
  /** `--shard i/n`: this machine runs the indices ≡ i−1 (mod n). */
  readonly shard: { readonly index: number; readonly count: number };
  /** Trials in flight at once (1 = in process; more = worker threads). */
  readonly concurrency: number;
  /** Stop dispatching new runs after this long (the run count then depends on the machine). */
  readonly timeBudgetMs?: number;
  /** Collect every failing run instead of stopping at the first. */
  readonly keepGoing: boolean;
}

export interface CampaignResult {
  readonly runs: number;
  readonly modelSteps: number;
  readonly stoppedBy: 'runs' | 'failure' | 'time';
  /** Failing runs, lowest index first; one per invariant with keepGoing, else the first. */
  readonly failures: readonly TrialResult[];
}

export type Trial = (run: number) => Promise<TrialResult>;

/** The k-th run index of this shard, or undefined past the end (computed, not listed: a timed campaign has no end). */
export function shardRun(plan: Pick<CampaignPlan, 'runs' | 'shard'>, k: number): number | undefined {
  const run = plan.shard.index - 1 + k * plan.shard.count;
  return run < plan.runs ? run : undefined;
}

/**
 * Dispatches run indices in order, `concurrency` at a time. On a failure at index f it
 * stops dispatching past f but lets earlier runs finish, so the reported failure is the
 * lowest failing index — the same whether one worker ran the campaign or eight.
 */
export async function runCampaign(plan: CampaignPlan, trial: Trial, elapsedMs: () => number, onTrial?: (r: TrialResult) => void): Promise<CampaignResult> {
  const results: TrialResult[] = [];
  let limit = Infinity;
  let timedOut = false;
  let next = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      const run = shardRun(plan, next);
      if (run === undefined || run > limit) return;
      if (plan.timeBudgetMs !== undefined && elapsedMs() >= plan.timeBudgetMs) {
        timedOut = true;
        return;
      }
      next++;
      const result = await trial(run);
      results.push(result);
      onTrial?.(result);
      if (result.failure && !plan.keepGoing) limit = Math.min(limit, run);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, plan.concurrency) }, lane));
  const failing = results.filter((r) => r.failure && r.run <= limit).sort((a, b) => a.run - b.run);
  return {
    runs: results.length,
    modelSteps: results.reduce((sum, r) => sum + r.modelSteps, 0),
    stoppedBy: limit !== Infinity ? 'failure' : timedOut ? 'time' : 'runs',
    failures: plan.keepGoing ? firstPerInvariant(failing) : failing.slice(0, 1),
  };
}

function firstPerInvariant(failing: readonly TrialResult[]): TrialResult[] {
  const seen = new Set<string>();
  return failing.filter((r) => {
    const key = r.failure!.violation?.invariant ?? 'error';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
