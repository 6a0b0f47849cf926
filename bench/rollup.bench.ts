import { performance } from 'node:perf_hooks';
import { attackNamed, invariants, protocolNamed } from '../src/catalogue.ts';
import { bindCheckers } from '../src/invariants/define.ts';
import type { RunConfig } from '../src/kernel/config.ts';
import { Rng } from '../src/kernel/rng.ts';
import { runTarget } from '../src/kernel/run.ts';
import { World } from '../src/kernel/world.ts';
import { MemoryL1 } from '../src/l1/memory/MemoryL1.ts';
import { eth } from '../src/l1/units.ts';
import { optimistic } from '../src/protocols/optimistic/index.ts';
import { findPreset, loadPresetFiles } from '../src/protocols/presets.ts';
import { Derivation } from '../src/protocols/rollup/derivation.ts';
import type { RollupParams } from '../src/protocols/rollup/params.ts';
import { rollupOf } from '../src/protocols/rollup/session.ts';
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
  const preset = findPreset(optimistic as never, 'arbitrum-one', loadPresetFiles());
  const params = preset.params as RollupParams;
  const config: RunConfig = { protocol: 'optimistic', variant: 'secure', preset: preset.name, l1: 'memory', seed: 1, signatures: 'ideal', params: params as never };
  const world = new World(config, new MemoryL1(), Rng.root(1).fork('bench'));
  const rollup = rollupOf(await optimistic.setup(world, { variant: 'secure', params: params as never }));
  world.bindCheckers(bindCheckers(invariants, rollup.subjects));
  world.phase = 'safety';
  for (const user of rollup.users) await user.deposit(world, eth(50));
  await world.settle();
  await world.advance(world.l1.finalityDepth + params.batchIntervalBlocks + 2);
  const before = world.trace.length;
  const start = performance.now();
  const n = rollup.users.length;
  for (let i = 0; i < count; i++) {
    const { result } = await rollup.users[i % n]!.pay(world, rollup.users[(i + 1) % n]!.address, 1_000n);
    if (result.status !== 'confirmed') throw new Error(`payment ${i} was not confirmed: ${JSON.stringify(result)}`);
    if (i % 20 === 19) await world.advance(1);
  }
  await world.advance(params.batchIntervalBlocks + 2);
  return { world, rollup, steps: world.trace.length - before, ms: performance.now() - start };
}
