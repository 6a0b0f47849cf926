import { protocolNamed } from '../../../../src/catalogue.ts';
import type { SignatureScheme } from '../../../../src/crypto/signatures.ts';
import { bindCheckers } from '../../../../src/invariants/define.ts';
import { invariants } from '../../../../src/invariants/index.ts';
import type { RunConfig } from '../../../../src/kernel/config.ts';
import { Rng } from '../../../../src/kernel/rng.ts';
import { World } from '../../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import type { SidechainParams } from '../../../../src/protocols/sidechain/params.ts';
import { SidechainSession } from '../../../../src/protocols/sidechain/session.ts';

/** A sidechain world in its safety phase with every checker bound, as `l2adv attack` would build it. */
export async function sidechainWorld(options: { params?: Partial<SidechainParams>; signatures?: SignatureScheme } = {}): Promise<{ world: World; session: SidechainSession }> {
  const protocol = protocolNamed('sidechain');
  const preset = findPreset(protocol, undefined, loadPresetFiles());
  const params = { ...(preset.params as SidechainParams), ...options.params };
  const config: RunConfig = { protocol: 'sidechain', variant: 'reference', preset: preset.name, l1: 'memory', seed: 1, signatures: options.signatures ?? 'ideal', params };
  const world = new World(config, new MemoryL1(), Rng.root(1));
  const session = await protocol.setup(world, { variant: 'reference', params });
  if (!(session instanceof SidechainSession)) throw new Error('sidechain setup returned something else');
  world.bindCheckers(bindCheckers(invariants, session.subjects));
  world.phase = 'safety';
  return { world, session };
}
