import { attackNamed, invariants, protocolNamed } from '../../src/catalogue.ts';
import type { AttackResult } from '../../src/kernel/attack.ts';
import type { L1Backend } from '../../src/kernel/config.ts';
import { runTarget } from '../../src/kernel/run.ts';
import { findPreset, loadPresetFiles } from '../../src/protocols/presets.ts';

/** Runs one attack against one variant, on the in-memory L1 unless told otherwise, as `l2adv attack` would. */
export async function runAttackOn(attack: string, protocol: string, variant: string, options: { seed?: number; preset?: string; l1?: L1Backend } = {}): Promise<AttackResult> {
  const def = protocolNamed(protocol);
  return runTarget({
    attack: attackNamed(attack),
    protocol: def,
    variant,
    preset: findPreset(def, options.preset, loadPresetFiles()),
    seed: options.seed ?? 1,
    l1: options.l1 ?? 'memory',
    invariants,
  });
}

/** Every (protocol, variant, expectation) an attack declares. */
export function targetsOf(attack: string): Array<{ protocol: string; variant: string; expected: string; invariant?: string }> {
  return Object.entries(attackNamed(attack).targets).flatMap(([protocol, vs]) =>
    Object.entries(vs).map(([variant, e]) => ({ protocol, variant, expected: e === 'defended' ? 'defended' : 'violated', invariant: e === 'defended' ? undefined : e.violated })),
  );
}
