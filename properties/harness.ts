import { fuzzTarget } from '../src/catalogue.ts';
import { runCampaign, type CampaignResult } from '../src/fuzz/campaign.ts';
import { runTrial } from '../src/fuzz/trial.ts';

/**
 * Property suites run a bounded fuzz campaign in process. The seed is fixed so main stays
 * green, printed so a failure in CI can be rerun, and overridable (L2ADV_PROPERTY_SEED) to
 * explore: `L2ADV_PROPERTY_SEED=42 npx vitest run properties`.
 */
export const PROPERTY_SEED = Number(process.env.L2ADV_PROPERTY_SEED ?? 1);

export async function campaign(protocol: string, variant: string, runs: number, maxSteps = 50): Promise<CampaignResult> {
  const target = fuzzTarget({ protocol, variant, l1: 'memory', maxSteps });
  console.log(`property ${protocol}/${variant}: seed ${PROPERTY_SEED}, ${runs} runs (rerun: l2adv fuzz --protocol ${protocol} --variant ${variant} --runs ${runs} --steps ${maxSteps} --seed ${PROPERTY_SEED})`);
  return runCampaign(
    { rootSeed: PROPERTY_SEED, runs, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: false },
    (run) => runTrial(target, PROPERTY_SEED, run),
    () => 0,
  );
}

/** The failing schedule as one readable line per move, for assertion messages. */
export function describeFailure(result: CampaignResult): string {
  const f = result.failures[0]?.failure;
  if (!f) return 'no failure';
  return `${f.violation?.invariant ?? 'error'}: ${f.violation?.message ?? f.error} after ${JSON.stringify(f.moves)}`;
}
