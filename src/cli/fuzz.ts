import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzTarget, protocolNamed, type FuzzRequest } from '../catalogue.ts';
import { runCampaign, type CampaignPlan, type CampaignResult } from '../fuzz/campaign.ts';
import { describeMove } from '../fuzz/moves.ts';
import { WorkerPool } from '../fuzz/pool.ts';
import { readRepro, reproName, writeRepro, type ReproFile } from '../fuzz/repro.ts';
import { replayAsResult, replayRepro } from '../fuzz/replay.ts';
import { htmlReport } from '../report/html.ts';
import { writeFileAtomic } from '../report/write.ts';
import { runTrial, type TrialResult } from '../fuzz/trial.ts';
import { UsageError } from '../kernel/errors.ts';
import { stopwatch } from '../kernel/stopwatch.ts';
import { palette, type Palette } from '../report/color.ts';
import type { Io } from './io.ts';
import { l1Option, parse, reportOption, seedOption } from './options.ts';

export const DEFAULT_FAILURE_DIR = 'fixtures/failures';

export async function fuzzCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parse('fuzz', argv, {
    protocol: { type: 'string' as const },
    variant: { type: 'string' as const },
    preset: { type: 'string' as const },
    runs: { type: 'string' as const },
    steps: { type: 'string' as const },
    time: { type: 'string' as const },
    seed: { type: 'string' as const },
    workers: { type: 'string' as const },
    shard: { type: 'string' as const },
    l1: { type: 'string' as const },
    out: { type: 'string' as const },
    json: { type: 'boolean' as const },
    'keep-going': { type: 'boolean' as const },
    report: { type: 'string' as const },
  });
  const report = reportOption(values.report);
  if (values.protocol === undefined) throw new UsageError('fuzz needs --protocol P (and usually --variant V); see `l2adv list`');
  const protocol = protocolNamed(values.protocol);
  const variant = values.variant ?? Object.entries(protocol.variants).find(([, v]) => v.kind !== 'twin')![0];
  const request: FuzzRequest = { protocol: protocol.name, variant, preset: values.preset, l1: l1Option(values.l1), maxSteps: positive('--steps', values.steps, 50) };
  const target = fuzzTarget(request);
  const rootSeed = seedOption(values.seed);
  const timeSeconds = values.time === undefined ? undefined : positive('--time', values.time, 0);
  const plan: CampaignPlan = {
    rootSeed,
    runs: positive('--runs', values.runs, timeSeconds === undefined ? 100 : 1_000_000_000),
    shard: shardOption(values.shard),
    concurrency: positive('--workers', values.workers, 1),
    timeBudgetMs: timeSeconds === undefined ? undefined : timeSeconds * 1000,
    keepGoing: Boolean(values['keep-going']),
  };
  const out = values.out ?? DEFAULT_FAILURE_DIR;
  const c = palette({ isTTY: io.stdoutIsTTY }, io.env);
  const elapsed = stopwatch();

  const regressions = await replayPersisted(out, request, io, c, Boolean(values.json));
  const campaign = regressions.length > 0 ? undefined : await campaignWithProgress(plan, request, io, elapsed);
  const written = (campaign?.failures ?? []).map((f) => persist(out, request, target.preset.name, rootSeed, f));
  if (report) await writeFuzzReport(report, [...written.map((w) => w.file), ...regressions.map((r) => r.file)], request.l1, argv);
  const seconds = elapsed() / 1000;
  const modelSteps = campaign?.modelSteps ?? 0;
  const summary = {
    command: 'fuzz',
    protocol: protocol.name,
    variant,
    preset: target.preset.name,
    l1: request.l1,
    seed: rootSeed,
    workers: plan.concurrency,
    shard: `${plan.shard.index}/${plan.shard.count}`,
    runs: campaign?.runs ?? 0,
    steps: modelSteps,
    stepsPerSecond: Math.round(modelSteps / Math.max(seconds, 1e-3)),
    seconds: Math.round(seconds * 10) / 10,
    stoppedBy: campaign?.stoppedBy ?? 'regression',
    regressions: regressions.map((r) => ({ reproFile: r.file, invariant: r.invariant })),
    failures: written.map(({ file, trial }) => ({
      invariant: trial.failure!.violation?.invariant ?? 'error',
      message: trial.failure!.violation?.message ?? trial.failure!.error,
      run: trial.run,
      originalSteps: trial.failure!.originalSteps,
      shrunkSteps: trial.failure!.shrunkSteps,
      reproFile: file,
      traceHash: trial.failure!.traceHash,
    })),
  };
  if (values.json) io.out(JSON.stringify(summary, null, 2));
  else {
    for (const w of written) io.out(formatFailure(w.trial, w.file, c));
    const found = written.length + regressions.length;
    const line = `fuzz ${protocol.name}/${variant}: ${summary.runs} runs, ${modelSteps.toLocaleString('en-US')} steps (${summary.stepsPerSecond.toLocaleString('en-US')} steps/s), seed ${rootSeed}, ${found === 0 ? 'no violation' : `${found} failing`}`;
    io.out(found === 0 ? c.green(`[PASS] ${line}`) : c.red(line));
    if (report) io.out(`HTML report: ${report}`);
  }
  return written.length + regressions.length === 0 ? 0 : 1;
}

async function campaignWithProgress(plan: CampaignPlan, request: FuzzRequest, io: Io, elapsed: () => number): Promise<CampaignResult> {
  const pool = plan.concurrency > 1 ? new WorkerPool(plan.concurrency, { ...request, rootSeed: plan.rootSeed }) : undefined;
  const target = pool ? undefined : fuzzTarget(request);
  const trial = pool ? pool.trial : (run: number) => runTrial(target!, plan.rootSeed, run);
  let done = 0;
  let failed = 0;
  const progress = (r: TrialResult) => {
    done++;
    if (r.failure) failed++;
    if (io.stderrIsTTY) process.stderr.write(`\r  fuzzing ${request.protocol}/${request.variant}: ${done} runs, ${failed} failing, ${(elapsed() / 1000).toFixed(0)} s `);
  };
  try {
    return await runCampaign(plan, trial, elapsed, progress);
  } finally {
    if (io.stderrIsTTY) process.stderr.write('\n');
    await pool?.close();
  }
}

/** Replays each failure's shrunk schedule in process for its trace: workers send back results, not traces. */
async function writeFuzzReport(path: string, files: readonly string[], l1: FuzzRequest['l1'], argv: readonly string[]): Promise<void> {
  const results = [];
  for (const file of files) {
    const repro = readRepro(file);
    results.push(replayAsResult(repro, file, await replayRepro(repro, l1), l1));
  }
  writeFileAtomic(path, htmlReport(results, { title: 'l2adv fuzz report', command: ['l2adv fuzz', ...argv].join(' ') }));
}

/** forge's habit: failures saved earlier are replayed before any new search ("remove the file to ignore"). */
async function replayPersisted(dir: string, request: FuzzRequest, io: Io, c: Palette, json: boolean): Promise<Array<{ file: string; invariant: string }>> {
  if (!existsSync(dir)) return [];
  const prefix = `${request.protocol}-${request.variant}-`;
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json')).sort();
  const still: Array<{ file: string; invariant: string }> = [];
  for (const name of files) {
    const file = join(dir, name);
    const repro = readRepro(file);
    if (repro.protocol !== request.protocol || repro.variant !== request.variant) continue;
    const result = await replayRepro(repro, request.l1);
    if (result.outcome === 'defended') {
      if (!json) io.out(c.dim(`persisted failure ${file} no longer fails (remove the file to stop replaying it)`));
      continue;
    }
    const invariant = result.violations[0]?.invariant ?? 'error';
    still.push({ file, invariant });
    if (!json) io.out(`${c.red(`[FAIL: ${invariant}: ${result.violations[0]?.message ?? result.error}]`)} persisted failure still fails\n       ${c.bold(`l2adv replay ${file}`)}`);
  }
  return still;
}

function persist(dir: string, request: FuzzRequest, preset: string, rootSeed: number, trial: TrialResult): { file: string; trial: TrialResult } {
  const f = trial.failure!;
  const repro: ReproFile = {
    version: 1,
    protocol: request.protocol,
    variant: request.variant,
    preset,
    l1: request.l1,
    seed: trial.seed,
    rootSeed,
    run: trial.run,
    path: f.path,
    swarm: [...trial.swarm],
    commands: [...f.moves],
    violation: f.violation ? { invariant: f.violation.invariant, step: f.violation.step, message: f.violation.message } : null,
    ...(f.error ? { error: f.error } : {}),
    traceHash: f.traceHash,
    configHash: f.configHash,
  };
  const file = join(dir, reproName(repro));
  writeRepro(file, repro);
  return { file, trial };
}

/** forge's failure shape: the reason, the sequence with its shrink, one line per call, then the replay line. */
function formatFailure(trial: TrialResult, file: string, c: Palette): string {
  const f = trial.failure!;
  const reason = f.violation ? `${f.violation.invariant}: ${f.violation.message}` : `error: ${f.error}`;
  return [
    c.red(`[FAIL: ${reason}]`),
    `[Sequence] (original: ${f.originalSteps}, shrunk: ${f.shrunkSteps})`,
    ...f.moves.map((m, i) => `    ${String(i + 1).padStart(2)}. ${describeMove(m)}`),
    c.bold(`l2adv replay ${file}`),
  ].join('\n');
}

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return Number(value);
}

function shardOption(value: string | undefined): CampaignPlan['shard'] {
  if (value === undefined) return { index: 1, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N (e.g. 2/4), got "${value}"`);
  return { index, count };
}
