import { invariants } from '../src/catalogue.ts';
import { bindCheckers } from '../src/invariants/define.ts';
import type { RunConfig } from '../src/kernel/config.ts';
import { Rng } from '../src/kernel/rng.ts';
import { World } from '../src/kernel/world.ts';
import { MemoryL1 } from '../src/l1/memory/MemoryL1.ts';
import { eth } from '../src/l1/units.ts';
import { optimistic } from '../src/protocols/optimistic/index.ts';
import { findPreset, loadPresetFiles } from '../src/protocols/presets.ts';
import type { RollupParams } from '../src/protocols/rollup/params.ts';
import { rollupOf, type RollupSession } from '../src/protocols/rollup/session.ts';

export interface FundedRollup {
  readonly world: World;
  readonly rollup: RollupSession;
  readonly params: RollupParams;
}

/** optimistic/secure on arbitrum-one with every checker bound, each user holding 50 ETH on L2: where the rollup benches start. */
export async function fundedRollup(): Promise<FundedRollup> {
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
  return { world, rollup, params };
}

/** `count` small payments round the users, each soft-confirmed by the sequencer, a new L1 block every 20. */
export async function payRound({ world, rollup }: FundedRollup, count: number): Promise<void> {
  const n = rollup.users.length;
  for (let i = 0; i < count; i++) {
    const { result } = await rollup.users[i % n]!.pay(world, rollup.users[(i + 1) % n]!.address, 1_000n);
    if (result.status !== 'confirmed') throw new Error(`payment ${i} was not confirmed: ${JSON.stringify(result)}`);
    if (i % 20 === 19) await world.advance(1);
  }
}
