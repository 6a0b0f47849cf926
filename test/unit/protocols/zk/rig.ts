import { bindCheckers } from '../../../../src/invariants/define.ts';
import { invariants } from '../../../../src/invariants/index.ts';
import type { RunConfig } from '../../../../src/kernel/config.ts';
import { Rng } from '../../../../src/kernel/rng.ts';
import { World } from '../../../../src/kernel/world.ts';
import type { TxId } from '../../../../src/l1/L1.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import { zk } from '../../../../src/protocols/zk/index.ts';
import type { ZkParams } from '../../../../src/protocols/zk/params.ts';
import { zkOf, type ZkSession } from '../../../../src/protocols/zk/session.ts';

export interface ZkRig {
  readonly world: World;
  readonly zk: ZkSession;
}

/** A world running the zk rollup in its safety phase, checkers bound, as `l2adv attack` sets it up. */
export async function zkRig(variant = 'secure', overrides: Partial<ZkParams> = {}, preset = 'starkex'): Promise<ZkRig> {
  const base = findPreset(zk as never, preset, loadPresetFiles());
  const params = zk.params.parse({ ...(base.params as object), ...overrides });
  const config: RunConfig = { protocol: 'zk', variant, preset, l1: 'memory', seed: 1, signatures: 'ideal', params: params as Record<string, unknown> };
  const world = new World(config, new MemoryL1(), Rng.root(1).fork('zk-test'));
  const session = zkOf(await zk.setup(world, { variant, params }));
  world.bindCheckers(bindCheckers(invariants, session.subjects));
  world.phase = 'safety';
  return { world, zk: session };
}

/** Mines until `id` is in a block and returns its receipt. */
export async function mined(world: World, id: TxId) {
  while (world.l1.receipt(id).status === 'pending') await world.advance(1);
  return world.l1.receipt(id);
}
