import { fuzzTarget, protocols } from '../src/catalogue.ts';
import { runCampaign } from '../src/fuzz/campaign.ts';
import { runTrial, type FuzzTarget } from '../src/fuzz/trial.ts';
import type { Figure } from './run.ts';

const SEEDS = [1, 2, 3, 4, 5];
/** Per seed; a twin not found by then counts as "> budget". */
const BUDGET_MS = Number(process.env.L2ADV_BENCH_FUZZ_MS ?? 60_000);
/** Comma-separated protocol names to bench (default: every fuzzable protocol). */
const ONLY = process.env.L2ADV_BENCH_FUZZ_PROTOCOLS?.split(',').filter(Boolean);
/** Runs in the warm throughput figure, after the cold 200. */
const WARM_RUNS = Number(process.env.L2ADV_BENCH_FUZZ_WARM_RUNS ?? 1_000);
/** Seconds of the sustained figure, after the warm runs; 0 skips it. */
const SUSTAINED_S = Number(process.env.L2ADV_BENCH_FUZZ_SUSTAINED_S ?? 30);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * CPU seconds this process spent (user + system) since `start`. The machine is shared,
 * so wall-clock figures measure the neighbours too; "per core" means per CPU-second.
 * The model runs on one thread, so CPU time is that thread's plus the GC's helpers.
 */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Model throughput on the secure variant, then time to first detection of each twin from a
 * cold start. A model step is one trace event (TrialResult.modelSteps), shrinking included.
 */
export default async function fuzz(figure: Figure): Promise<void> {
  for (const protocol of protocols.filter((p) => p.fuzz && (!ONLY || ONLY.includes(p.name)))) {
    const variants = Object.entries(protocol.variants);
    const reference = variants.find(([, v]) => v.kind !== 'twin')![0];
    const target = fuzzTarget({ protocol: protocol.name, variant: reference, l1: 'memory', maxSteps: 50 });
    // Cold: the first 200 runs of the process, JIT warm-up included (the figure this bench always printed).
    await throughput(figure, target, 1, { runs: 200 }, 'cold, 200 runs');
    // Warm: the next runs, while the JIT is still compiling and recompiling on its own threads (CPU time counted).
    if (WARM_RUNS > 0) await throughput(figure, target, 2, { runs: WARM_RUNS }, `warm, ${WARM_RUNS} more runs`);
    // Sustained: what a campaign of minutes runs at once the model is compiled.
    if (SUSTAINED_S > 0) await throughput(figure, target, 3, { runs: 1e12, timeBudgetMs: SUSTAINED_S * 1000 }, `sustained, the next ${SUSTAINED_S} s`);
    for (const [variant] of variants.filter(([, v]) => v.kind === 'twin')) await detection(figure, protocol.name, variant);
  }
}

async function throughput(figure: Figure, target: FuzzTarget, rootSeed: number, length: { runs: number; timeBudgetMs?: number }, label: string): Promise<void> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const elapsed = () => performance.now() - start;
  const result = await runCampaign({ rootSeed, ...length, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: true }, (run) => runTrial(target, rootSeed, run), elapsed);
  const seconds = (performance.now() - start) / 1000;
  const cpuSecs = cpuSeconds(cpu);
  const name = `${target.protocol.name}/${target.variant}`;
  figure(`${name}: model steps per CPU-second (${label})`, result.modelSteps / cpuSecs);
  figure(`${name}: model steps/s wall-clock (${label})`, result.modelSteps / seconds);
  figure(`${name}: fuzz runs per CPU-second (${label})`, result.runs / cpuSecs);
}

async function detection(figure: Figure, protocol: string, variant: string): Promise<void> {
  const target = fuzzTarget({ protocol, variant, l1: 'memory', maxSteps: 50 });
  const detect = { wall: [] as number[], cpu: [] as number[] };
  const repro = { wall: [] as number[], cpu: [] as number[] };
  const runs: number[] = [];
  const shrunk: number[] = [];
  let missed = 0;
  for (const seed of SEEDS) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const elapsed = () => performance.now() - start;
    let detected: { wall: number; cpu: number } | undefined;
    const onDetected = () => (detected ??= { wall: elapsed() / 1000, cpu: cpuSeconds(cpu) });
    const result = await runCampaign({ rootSeed: seed, runs: 1e12, shard: { index: 1, count: 1 }, concurrency: 1, keepGoing: false, timeBudgetMs: BUDGET_MS }, (run) => runTrial(target, seed, run, onDetected), elapsed);
    const failure = result.failures[0]?.failure;
    if (failure?.violation && detected) {
      detect.wall.push(detected.wall);
      detect.cpu.push(detected.cpu);
      repro.wall.push(elapsed() / 1000);
      repro.cpu.push(cpuSeconds(cpu));
      runs.push(result.runs);
      shrunk.push(failure.shrunkSteps);
    } else missed++;
  }
  const found = `${SEEDS.length - missed}/${SEEDS.length} seeds`;
  // Detection: the first failing schedule is played. The repro adds shrinking it to a minimal one.
  figure(`${protocol}/${variant}: median s to detect (${found})`, detect.wall.length > 0 ? median(detect.wall) : `> ${BUDGET_MS / 1000}`, 's');
  if (detect.cpu.length > 0) {
    figure(`${protocol}/${variant}: median CPU-s to detect`, median(detect.cpu), 's');
    figure(`${protocol}/${variant}: median s to a shrunk repro`, median(repro.wall), 's');
    figure(`${protocol}/${variant}: median CPU-s to a shrunk repro`, median(repro.cpu), 's');
    figure(`${protocol}/${variant}: median runs to detect`, median(runs));
    figure(`${protocol}/${variant}: median shrunk length`, median(shrunk), 'steps');
  }
}
