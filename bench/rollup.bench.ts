import { performance } from 'node:perf_hooks';
import { attackNamed, invariants, protocolNamed } from '../src/catalogue.ts';
import { runTarget } from '../src/kernel/run.ts';
import { findPreset, loadPresetFiles } from '../src/protocols/presets.ts';
import { Derivation } from '../src/protocols/rollup/derivation.ts';
import { fundedRollup, payRound } from './rollup-session.ts';
import type { Figure } from './run.ts';

/**
 * The optimistic rollup model's throughput: L2 payments through the sequencer with every
 * `always` checker after each step, derivation from L1 alone, and whole attack runs.
 */
export default async function rollupBench(figure: Figure): Promise<void> {
  const { world, rollup, steps, ms } = await payments(3_000);
  figure('optimistic: model steps/s (payments, batches, checkers)', (steps * 1000) / ms, 'steps/s');
  figure('optimistic: L2 payments/s through the sequencer, checked', (3_000 * 1000) / ms, 'tx/s');
  const start = performance.now();
  const fresh = new Derivation(world.l1, rollup.contracts, rollup.derivation.rules);
  fresh.sync();
  const derivedMs = performance.now() - start;
  figure(`optimistic: derivation from L1 alone (${fresh.batches.length} batches)`, (3_000 * 1000) / derivedMs, 'tx/s');
  const files = loadPresetFiles();
  const protocol = protocolNamed('optimistic');
  for (const name of ['sequencer-censorship', 'withheld-data', 'rollback-double-spend', 'operator-disappears']) {
    for (const variant of Object.keys(attackNamed(name).targets.optimistic ?? {})) {
      const r = await runTarget({ attack: attackNamed(name), protocol, variant, preset: findPreset(protocol, undefined, files), seed: 1, l1: 'memory', invariants });
      figure(`${name} on optimistic/${variant}: ${r.outcome}, ${r.steps} steps`, r.ms, 'ms');
    }
  }
}

async function payments(count: number) {
  const funded = await fundedRollup();
  const { world, params } = funded;
  const before = world.trace.length;
  const start = performance.now();
  await payRound(funded, count);
  await world.advance(params.batchIntervalBlocks + 2);
  return { ...funded, steps: world.trace.length - before, ms: performance.now() - start };
}
