import { bindCheckers } from '../../../../src/invariants/define.ts';
import { invariants } from '../../../../src/invariants/index.ts';
import type { RunConfig } from '../../../../src/kernel/config.ts';
import { Rng } from '../../../../src/kernel/rng.ts';
import { World } from '../../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';
import { optimistic } from '../../../../src/protocols/optimistic/index.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import type { RollupParams } from '../../../../src/protocols/rollup/params.ts';
import { featuresOf } from '../../../../src/protocols/optimistic/variants.ts';
import type { RollupFeatures } from '../../../../src/protocols/rollup/features.ts';
import { rollupOf, RollupSession } from '../../../../src/protocols/rollup/session.ts';
import type { RollupUser } from '../../../../src/protocols/rollup/user.ts';

export interface RollupRig {
  readonly world: World;
  readonly l1: MemoryL1;
  readonly rollup: RollupSession;
}

/** A world running the optimistic rollup in its safety phase, checkers bound, as `l2adv attack` sets it up. */
export async function rollupRig(variant = 'secure', overrides: Partial<RollupParams> = {}, preset = 'arbitrum-one', features?: Partial<RollupFeatures>): Promise<RollupRig> {
  const base = findPreset(optimistic as never, preset, loadPresetFiles());
  const params = optimistic.params.parse({ ...(base.params as object), ...overrides });
  const config: RunConfig = { protocol: 'optimistic', variant, preset, l1: 'memory', seed: 1, signatures: 'ideal', params: params as Record<string, unknown> };
  const l1 = new MemoryL1();
  const world = new World(config, l1, Rng.root(1).fork('rollup-test'));
  const rollup = features ? await RollupSession.create(world, params, { ...featuresOf(variant), ...features }) : rollupOf(await optimistic.setup(world, { variant, params }));
  world.bindCheckers(bindCheckers(invariants, rollup.subjects));
  world.phase = 'safety';
  return { world, l1, rollup };
}

/** Funds the users on L2 and waits until the deposits are in the canonical chain. */
export async function fundUsers(rig: RollupRig, amountEth = 10): Promise<void> {
  for (const user of rig.rollup.users) await user.deposit(rig.world, eth(amountEth));
  await rig.world.settle();
  await rig.world.advance(rig.world.l1.finalityDepth + rig.rollup.params.batchIntervalBlocks + 2);
}

/** Advances until the sequencer's batches are posted and their blocks are L1-final. */
export async function untilPostedAndFinal(rig: RollupRig): Promise<void> {
  await rig.world.advance(rig.rollup.params.batchIntervalBlocks + rig.world.l1.finalityDepth + 4);
}

export function user(rig: RollupRig, index: number): RollupUser {
  return rig.rollup.users[index]!;
}
