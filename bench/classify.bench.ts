import { performance } from 'node:perf_hooks';
import { classify } from '../src/classify/engine.ts';
import { fuzzTarget } from '../src/catalogue.ts';
import { runTrial } from '../src/fuzz/trial.ts';
import type { Figure } from './run.ts';

/** What `l2adv classify` costs per preset (every probe attack, in-memory L1), and the sidechain's fuzz throughput. */
export default async function classifyBench(figure: Figure): Promise<void> {
  const start = performance.now();
  const list = await classify({ presets: [], seed: 1 });
  const total = performance.now() - start;
  figure(`classify, all ${list.length} registered presets`, total, 'ms');
  figure('classify, attacks run', list.reduce((n, k) => n + k.probes.length, 0), 'runs');
  for (const name of ['federated-sidechain', 'custodial-exchange']) {
    const one = performance.now();
    await classify({ presets: [name], seed: 1 });
    figure(`classify ${name}`, performance.now() - one, 'ms');
  }
  const target = fuzzTarget({ protocol: 'sidechain', variant: 'reference', l1: 'memory', maxSteps: 30 });
  const fuzzStart = performance.now();
  let steps = 0;
  const runs = 20;
  for (let run = 0; run < runs; run++) steps += (await runTrial(target, 1, run)).modelSteps;
  const seconds = (performance.now() - fuzzStart) / 1000;
  figure('sidechain fuzz runs/s (30-move schedules, shrinking included)', runs / seconds, 'runs/s');
  figure('sidechain fuzz model steps/s', steps / seconds, 'steps/s');
}
