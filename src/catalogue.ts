import { attacks } from '../attacks/index.ts';
import { capabilities } from './adversary/index.ts';
import { invariants } from './invariants/index.ts';
import type { AttackDefinition, AttackResult } from './kernel/attack.ts';
import type { L1Backend } from './kernel/config.ts';
import { UsageError, unknownName } from './kernel/errors.ts';
import { runTarget, type TargetRun } from './kernel/run.ts';
import { openNodePool } from './l1/backends.ts';
import type { Capability } from './adversary/capability.ts';
import type { FuzzTarget } from './fuzz/trial.ts';
import { variantsOfKind, type ProtocolDefinition } from './protocols/define.ts';
import { protocols } from './protocols/index.ts';
import { findPreset, loadPresetFiles, presetFileProtocol, type PresetFile } from './protocols/presets.ts';

export { attacks, capabilities, invariants, protocols };

export interface AttackSelection {
  /** Attack names; empty with `all` means every attack. */
  names: readonly string[];
  all?: boolean;
  protocol?: string;
  variant?: string;
  variants?: 'secure' | 'vulnerable' | 'all';
  preset?: string;
  seed: number;
  l1: L1Backend;
  /** One anvil node serves the whole list, reset to genesis between targets, instead of one node per target. @defaultValue false */
  shareNodes?: boolean;
}

export function attackNamed(name: string): AttackDefinition {
  const found = attacks.find((a) => a.name === name);
  if (!found) throw unknownName('attack', name, attacks.map((a) => a.name));
  return found;
}

export function protocolNamed(name: string): ProtocolDefinition<unknown> {
  const found = protocols.find((p) => p.name === name);
  if (!found) throw unknownName('protocol', name, protocols.map((p) => p.name));
  return found;
}

/** Expands a selection into concrete runs, checking every name against what exists. */
export function planAttacks(selection: AttackSelection, presetFiles: readonly PresetFile[] = loadPresetFiles()): TargetRun[] {
  if (selection.names.length === 0 && !selection.all) throw new UsageError('name at least one attack, or pass --all; see `l2adv list`');
  const chosen = selection.names.length > 0 ? selection.names.map(attackNamed) : attacks;
  // A preset file belongs to one protocol: it selects that protocol unless --protocol says otherwise.
  const implied = selection.protocol ?? (selection.preset?.endsWith('.json') ? presetFileProtocol(selection.preset) : undefined);
  const protocolFilter = implied === undefined ? undefined : protocolNamed(implied);
  if (selection.variant !== undefined && protocolFilter) {
    const valid = Object.keys(protocolFilter.variants);
    if (!valid.includes(selection.variant)) throw unknownName(`variant of ${protocolFilter.name}`, selection.variant, valid);
  }
  if (selection.variant !== undefined && !protocols.some((p) => selection.variant! in p.variants)) {
    throw unknownName('variant', selection.variant, [...new Set(protocols.flatMap((p) => Object.keys(p.variants)))].sort());
  }
  const runs: TargetRun[] = [];
  for (const attack of chosen) {
    for (const protocol of protocols) {
      if (protocolFilter && protocol !== protocolFilter) continue;
      const targeted = attack.targets[protocol.name];
      if (!targeted) continue;
      const wanted = selection.variant !== undefined ? [selection.variant] : variantsOfKind(protocol, selection.variants ?? 'all');
      const preset = findPreset(protocol, selection.preset, presetFiles);
      for (const variant of wanted.filter((v) => v in targeted)) {
        runs.push({ attack, protocol, variant, preset, seed: selection.seed, l1: selection.l1, invariants });
      }
    }
  }
  if (runs.length === 0) throw new UsageError(`no attack in the selection targets ${describe(selection)}; see \`l2adv list\` for targets`);
  return runs;
}

function describe(selection: AttackSelection): string {
  return [selection.protocol ?? 'any protocol', selection.variant ?? selection.variants ?? 'all variants'].join(' / ');
}

/** Runs a selection in order, one result per target: the library's entry point. */
export async function runAttacks(selection: AttackSelection, onResult?: (r: AttackResult) => void): Promise<AttackResult[]> {
  const results: AttackResult[] = [];
  const plan = planAttacks(selection);
  const nodes = selection.shareNodes && selection.l1 === 'anvil' ? openNodePool() : undefined;
  try {
    for (const run of plan) {
      const result = await runTarget({ ...run, nodes });
      onResult?.(result);
      results.push(result);
    }
  } finally {
    await nodes?.close();
  }
  return results;
}

/** What names a fuzz target: the same on the main thread, in workers and in repro files. */
export interface FuzzRequest {
  protocol: string;
  variant: string;
  preset?: string;
  l1: L1Backend;
  maxSteps: number;
}

export function fuzzTarget(request: FuzzRequest, presetFiles: readonly PresetFile[] = loadPresetFiles()): FuzzTarget {
  const protocol = protocolNamed(request.protocol);
  const valid = Object.keys(protocol.variants);
  if (!valid.includes(request.variant)) throw unknownName(`variant of ${protocol.name}`, request.variant, valid);
  const profile = protocol.fuzz;
  if (!profile) {
    const fuzzable = protocols.filter((p) => p.fuzz).map((p) => p.name);
    throw new UsageError(`protocol ${protocol.name} has no fuzz profile yet; fuzzable: ${fuzzable.join(', ') || '(none)'}`);
  }
  const enabled = profile.capabilities.map((name) => {
    const found = capabilities.find((c) => c.name === name);
    if (!found) throw new Error(`protocol ${protocol.name} enables unknown capability ${name}`);
    return found as Capability<unknown>;
  });
  return {
    protocol,
    variant: request.variant,
    preset: findPreset(protocol, request.preset, presetFiles),
    l1: request.l1,
    invariants,
    capabilities: enabled,
    maxSteps: request.maxSteps,
  };
}
