import { fuzzTarget, protocols } from '../src/catalogue.ts';
import { runCampaign } from '../src/fuzz/campaign.ts';
import { runTrial } from '../src/fuzz/trial.ts';
import type { Figure } from './run.ts';

const SEEDS = [1, 2, 3, 4, 5];
/** Per seed; a twin not found by then counts as "> budget". */
const BUDGET_MS = Number(process.env.L2ADV_BENCH_FUZZ_MS ?? 60_000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Model throughput on the secure variant, then time to first detection of each twin from a cold start. */
export default async function fuzz(figure: Figure): Promise<void> {
  for (const protocol of protocols.filter((p) => p.fuzz)) {
    const variants = Object.entries(protocol.variants);
    const reference = variants.find(([, v]) => v.kind !== 'twin')![0];
    const target = fuzzTarget({ protocol: protocol.name, variant: reference, l1: 'memory', maxSteps: 50 });
    const start = performance.now();
    const result = await runCampaign({ rootSeed: 1, runs: 200, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: true }, (run) => runTrial(target, 1, run), () => 0);
    const seconds = (performance.now() - start) / 1000;
    figure(`${protocol.name}/${reference}: model steps/s (200 runs)`, result.modelSteps / seconds);
    figure(`${protocol.name}/${reference}: fuzz runs/s`, result.runs / seconds);
    for (const [variant] of variants.filter(([, v]) => v.kind === 'twin')) await detection(figure, protocol.name, variant);
  }
}

async function detection(figure: Figure, protocol: string, variant: string): Promise<void> {
  const target = fuzzTarget({ protocol, variant, l1: 'memory', maxSteps: 50 });
  const times: number[] = [];
  const shrunk: number[] = [];
  let missed = 0;
  for (const seed of SEEDS) {
    const start = performance.now();
    const elapsed = () => performance.now() - start;
    const result = await runCampaign({ rootSeed: seed, runs: 1e12, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: false, timeBudgetMs: BUDGET_MS }, (run) => runTrial(target, seed, run), elapsed);
    const failure = result.failures[0]?.failure;
    if (failure?.violation) {
      times.push(elapsed() / 1000);
      shrunk.push(failure.shrunkSteps);
    } else missed++;
  }
  const found = `${SEEDS.length - missed}/${SEEDS.length} seeds`;
  figure(`${protocol}/${variant}: median s to detect (${found})`, times.length > 0 ? median(times) : `> ${BUDGET_MS / 1000}`, 's');
  if (shrunk.length > 0) figure(`${protocol}/${variant}: median shrunk length`, median(shrunk), 'steps');
}
