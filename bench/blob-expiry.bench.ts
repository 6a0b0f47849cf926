import { performance } from 'node:perf_hooks';
import { BLOB_RETENTION_BLOCKS } from '../src/protocols/rollup/blob-archive.ts';
import { attackNamed, invariants, protocolNamed } from '../src/catalogue.ts';
import { runTarget } from '../src/kernel/run.ts';
import { findPreset, loadPresetFiles } from '../src/protocols/presets.ts';
import { Derivation } from '../src/protocols/rollup/derivation.ts';
import { fundedRollup, payRound } from './rollup-session.ts';
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
  const funded = await fundedRollup();
  await payRound(funded, PAYMENTS);
  await funded.world.advance(funded.params.batchIntervalBlocks + funded.world.l1.finalityDepth + 4);
  return funded;
}
