import { bindCheckers } from '../../../../src/invariants/define.ts';
import { invariants } from '../../../../src/invariants/index.ts';
import type { RunConfig } from '../../../../src/kernel/config.ts';
import { Rng } from '../../../../src/kernel/rng.ts';
import { World } from '../../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import type { DataAvailabilityCommittee } from '../../../../src/protocols/validium/committee.ts';
import { committeeOf, validium } from '../../../../src/protocols/validium/index.ts';
import type { ValidiumParams } from '../../../../src/protocols/validium/params.ts';
import { zkOf, type ZkSession } from '../../../../src/protocols/zk/session.ts';

export interface ValidiumRig {
  readonly world: World;
  readonly zk: ZkSession;
  readonly committee: DataAvailabilityCommittee;
}

/** A world running the validium in its safety phase, checkers bound, as `l2adv attack` sets it up. */
export async function validiumRig(variant = 'secure', overrides: Partial<ValidiumParams> = {}): Promise<ValidiumRig> {
  const base = findPreset(validium as never, 'anytrust', loadPresetFiles());
  const params = validium.params.parse({ ...(base.params as object), ...overrides });
  const config: RunConfig = { protocol: 'validium', variant, preset: 'anytrust', l1: 'memory', seed: 1, signatures: 'ideal', params: params as Record<string, unknown> };
  const world = new World(config, new MemoryL1(), Rng.root(1).fork('validium-test'));
  const instance = await validium.setup(world, { variant, params });
  world.instance = instance;
  world.bindCheckers(bindCheckers(invariants, instance.subjects));
  world.phase = 'safety';
  return { world, zk: zkOf(instance), committee: committeeOf(instance) };
}
