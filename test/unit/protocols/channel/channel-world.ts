import type { SignatureScheme } from '../../../../src/crypto/signatures.ts';
import { protocolNamed } from '../../../../src/catalogue.ts';
import { bindCheckers } from '../../../../src/invariants/define.ts';
import { invariants } from '../../../../src/invariants/index.ts';
import type { RunConfig } from '../../../../src/kernel/config.ts';
import { Rng } from '../../../../src/kernel/rng.ts';
import { World } from '../../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import { asChannelSession, type ChannelSession } from '../../../../src/protocols/channel/session.ts';

export interface ChannelWorldOptions {
  variant?: string;
  preset?: string;
  signatures?: SignatureScheme;
  seed?: number;
}

/** A channel world in its safety phase with every checker bound, as `l2adv attack` would build it. */
export async function channelWorld(options: ChannelWorldOptions = {}): Promise<{ world: World; session: ChannelSession }> {
  const protocol = protocolNamed('channel');
  const preset = findPreset(protocol, options.preset, loadPresetFiles());
  const variant = options.variant ?? 'secure';
  const config: RunConfig = {
    protocol: 'channel',
    variant,
    preset: preset.name,
    l1: 'memory',
    seed: options.seed ?? 1,
    signatures: options.signatures ?? 'ideal',
    params: preset.params as Record<string, unknown>,
  };
  const world = new World(config, new MemoryL1(), Rng.root(config.seed));
  const session = asChannelSession(await protocol.setup(world, { variant, params: preset.params }));
  world.bindCheckers(bindCheckers(invariants, session.subjects));
  world.phase = 'safety';
  return { world, session };
}
