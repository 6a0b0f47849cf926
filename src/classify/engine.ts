import { attacks, invariants, protocols } from '../catalogue.ts';
import type { InvariantDefinition } from '../invariants/define.ts';
import type { AttackDefinition, AttackResult, Expectation } from '../kernel/attack.ts';
import type { InvariantName } from '../kernel/violation.ts';
import { UsageError, unknownName } from '../kernel/errors.ts';
import { runTarget, type PresetChoice } from '../kernel/run.ts';
import type { ProtocolDefinition } from '../protocols/define.ts';
import { findPreset, loadPresetFiles, presetFileProtocol, presetsFor, type PresetFile } from '../protocols/presets.ts';
import { deriveClassification, type Classification, type ProbeRecord } from './derive.ts';
import { PROBES, referenceVariant, type Probe } from './probes.ts';

/** What classify runs against; the registered catalogue by default, a smaller one in tests. */
export interface ClassifyCatalogue {
  readonly protocols: readonly ProtocolDefinition<unknown>[];
  readonly attacks: readonly AttackDefinition[];
  readonly invariants: readonly InvariantDefinition<never>[];
  readonly presetFiles: readonly PresetFile[];
  readonly probes: readonly Probe[];
}

export function registeredCatalogue(): ClassifyCatalogue {
  return { protocols, attacks, invariants, presetFiles: loadPresetFiles(), probes: PROBES };
}

export interface ClassifyRequest {
  /** Preset names or paths to preset files; empty means every preset of every registered protocol. */
  readonly presets: readonly string[];
  readonly seed: number;
}

interface PresetTarget {
  readonly protocol: ProtocolDefinition<unknown>;
  readonly preset: PresetChoice & { readonly description: string };
}

/**
 * Classifies presets by running the trust-relevant attacks on each (always on the
 * in-memory L1) and deriving every column from their outcomes and the preset's
 * parameters. Bad names fail before anything runs.
 */
export async function classify(request: ClassifyRequest, catalogue: ClassifyCatalogue = registeredCatalogue(), onClassified?: (c: Classification) => void): Promise<Classification[]> {
  const targets = selectPresets(request.presets, catalogue);
  const out: Classification[] = [];
  for (const target of targets) {
    const classification = await classifyOne(target, request.seed, catalogue);
    onClassified?.(classification);
    out.push(classification);
  }
  return out;
}

async function classifyOne(target: PresetTarget, seed: number, catalogue: ClassifyCatalogue): Promise<Classification> {
  const variant = referenceVariant(target.protocol);
  const records: ProbeRecord[] = [];
  for (const probe of catalogue.probes) {
    const attack = catalogue.attacks.find((a) => a.name === probe.attack);
    const targets = attack?.targets[target.protocol.name];
    if (!attack || !targets?.[variant]) continue;
    const own = ownInvariants(attack);
    const run = (v: string) => runTarget({ attack, protocol: target.protocol, variant: v, preset: target.preset, seed, l1: 'memory', invariants: catalogue.invariants });
    records.push(probeRecord(probe, await run(variant), own));
    // The design as intended, then the same attack with each stated trust assumption broken: what breaks shows whom users trust for it.
    for (const [v, assumption] of assumptionVariants(targets)) records.push({ ...probeRecord(probe, await run(v), own), variant: v, assumption });
  }
  return deriveClassification({ protocol: target.protocol, variant, preset: target.preset, probes: records });
}

/** The invariants an attack declares it breaks on some target: what a violation of it means. Undefined when it names none (any violation counts). */
function ownInvariants(attack: AttackDefinition): InvariantName[] | undefined {
  const named = Object.values(attack.targets).flatMap((vs) => Object.values(vs).flatMap((e) => (e === 'defended' ? [] : [e.violated])));
  return named.length === 0 ? undefined : [...new Set(named)].sort();
}

/** Targets whose expectation states the trust assumption they run without, with that assumption. */
function assumptionVariants(targets: Readonly<Record<string, Expectation>>): Array<[string, string]> {
  return Object.entries(targets).flatMap(([v, e]): Array<[string, string]> => (e !== 'defended' && e.assumption !== undefined ? [[v, e.assumption]] : []));
}

function probeRecord(probe: Probe, r: AttackResult, own: readonly InvariantName[] | undefined): ProbeRecord {
  return {
    attack: probe.attack,
    question: probe.question,
    outcome: r.outcome,
    expected: r.expected,
    asExpected: r.asExpected,
    violations: r.violations.map((v) => ({ invariant: v.invariant, message: v.message, actors: v.actors, amounts: v.amounts })),
    ...(r.error ? { error: r.error } : {}),
    traceHash: r.traceHash,
    repro: r.repro,
    ...(own ? { ownInvariants: own } : {}),
  };
}

/** Presets by name (any registered protocol's) or by path; with none, every preset in protocol order. */
export function selectPresets(names: readonly string[], catalogue: ClassifyCatalogue): PresetTarget[] {
  if (names.length === 0) {
    return catalogue.protocols.flatMap((protocol) =>
      presetsFor(protocol, catalogue.presetFiles).map((preset) => ({ protocol, preset: { ...preset, isDefault: preset.name === protocol.defaultPreset } })),
    );
  }
  return [...new Set(names)].map((name) => {
    const protocol = protocolOf(name, catalogue);
    return { protocol, preset: findPreset(protocol, name, catalogue.presetFiles) };
  });
}

function protocolOf(preset: string, catalogue: ClassifyCatalogue): ProtocolDefinition<unknown> {
  const protocolName = preset.endsWith('.json') ? presetFileProtocol(preset) : catalogue.presetFiles.find((f) => f.name === preset)?.protocol;
  if (protocolName === undefined) throw unknownName('preset', preset, classifiable(catalogue));
  const protocol = catalogue.protocols.find((p) => p.name === protocolName);
  if (!protocol) throw new UsageError(`preset ${preset} is for protocol ${protocolName}, which is not registered; see \`l2adv list\``);
  return protocol;
}

function classifiable(catalogue: ClassifyCatalogue): string[] {
  const registered = new Set(catalogue.protocols.map((p) => p.name));
  return catalogue.presetFiles.filter((f) => registered.has(f.protocol)).map((f) => f.name);
}
