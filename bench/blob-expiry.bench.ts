import { performance } from 'node:perf_hooks';
import { BLOB_RETENTION_BLOCKS } from '../src/protocols/rollup/blob-archive.ts';
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

const PAYMENTS = 1_000;

/**
 * What the blob archive costs and buys: a session of payments in blobs, the time to skip
 * the retention window, and a node that starts afterwards rebuilding the chain from the
 * archive (and failing at once without one); then the attack itself per variant.
 */
export default async function blobExpiryBench(figure: Figure): Promise<void> {
  const { world, rollup } = await session();
  const skip = performance.now();
  await world.advance(BLOB_RETENTION_BLOCKS + 1);
  figure('skip the 131,072-block blob retention window', performance.now() - skip, 'ms');
  const [archive] = rollup.archives;
  figure('blobs held by the archive', archive!.size, 'blobs');
  const alone = new Derivation(world.l1, rollup.contracts, rollup.derivation.rules);
  alone.sync();
  figure('node from L1 alone after the window: batches derived', alone.derivedBatchCount, `of ${alone.batches.length}`);
  const start = performance.now();
  const late = new Derivation(world.l1, rollup.contracts, rollup.derivation.rules, rollup.archives);
  late.sync();
  const ms = performance.now() - start;
  figure(`late node rebuilds from the archive (${late.derivedBatchCount} batches)`, (PAYMENTS * 1000) / ms, 'tx/s');
  const files = loadPresetFiles();
  const protocol = protocolNamed('optimistic');
  for (const variant of Object.keys(attackNamed('blob-expiry').targets.optimistic ?? {})) {
    const r = await runTarget({ attack: attackNamed('blob-expiry'), protocol, variant, preset: findPreset(protocol, undefined, files), seed: 1, l1: 'memory', invariants });
    figure(`blob-expiry on optimistic/${variant}: ${r.outcome}, ${r.steps} steps`, r.ms, 'ms');
  }
}

async function session() {
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
  const n = rollup.users.length;
  for (let i = 0; i < PAYMENTS; i++) {
    await rollup.users[i % n]!.pay(world, rollup.users[(i + 1) % n]!.address, 1_000n);
    if (i % 20 === 19) await world.advance(1);
  }
  await world.advance(params.batchIntervalBlocks + world.l1.finalityDepth + 4);
  return { world, rollup };
}
