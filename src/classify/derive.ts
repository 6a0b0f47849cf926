import type { Outcome } from '../kernel/attack.ts';
import type { InvariantName } from '../kernel/violation.ts';
import { formatEth } from '../l1/units.ts';
import type { DataAvailability, ProtocolDefinition, StateValidity, TrustModel, WindowSource } from '../protocols/define.ts';
import { VERDICT_PROBE, type TrustQuestion } from './probes.ts';
import { overridden, timeColumn, type TimeColumn } from './windows.ts';

/** A Layer 2 iff users get their funds back through L1 alone when the operator disappears (the seeds' test). */
export type Verdict = 'Layer 2' | 'not Layer 2' | 'unknown';

/** One probe as it ran: the attack's outcome against the reference variant, and how to rerun it. */
export interface ProbeRecord {
  readonly attack: string;
  readonly question: TrustQuestion;
  readonly outcome: Outcome;
  readonly expected: 'defended' | 'violated';
  readonly asExpected: boolean;
  readonly violations: ReadonlyArray<{ readonly invariant: InvariantName; readonly message: string; readonly actors?: readonly string[]; readonly amounts?: Readonly<Record<string, string>> }>;
  readonly error?: string;
  readonly traceHash: string;
  readonly repro: string;
  /** The variant it ran against when that is not the classified one: a target breaking a stated trust assumption. @defaultValue the classified variant */
  readonly variant?: string;
  /** The stated trust assumption that target runs without; its violation names whom users trust for it. */
  readonly assumption?: string;
  /**
   * The invariants the attack sets out to break (from its declared expectations). Only a
   * violation of one of these answers the probe's question; another one is collateral (an
   * unsound-proof run that only shows no exit exists has nothing to say about validity).
   * @defaultValue every invariant counts
   */
  readonly ownInvariants?: readonly InvariantName[];
}

export interface TrustEntry {
  readonly party: string;
  readonly for: readonly TrustQuestion[];
  /** Why: a violated probe (`withheld-data: violated l1-recoverability`) or a declaration. */
  readonly basis: readonly string[];
}

export interface Classification {
  readonly preset: string;
  readonly protocol: string;
  readonly variant: string;
  readonly verdict: Verdict;
  /** Whether the protocol declares a trust model; without one only the attack outcomes speak. */
  readonly trustModelDeclared: boolean;
  readonly operatorDisappears: { readonly recoversViaL1: boolean | null; readonly text: string };
  /** Parties whose honesty users' funds depend on; empty when L1 alone suffices. */
  readonly mustTrust: readonly TrustEntry[];
  /** Liveness the design needs from someone watching L1 (not trust in any one party). */
  readonly assumes: readonly string[];
  /** What the design states it takes for granted of third parties for this preset (e.g. blob archives), from the protocol's trust model. */
  readonly statedAssumptions: readonly string[];
  readonly dataOnL1: { readonly value: boolean | null; readonly kept: DataAvailability | null; readonly text: string };
  readonly reducesToL1: boolean | null;
  readonly exitWindow: TimeColumn;
  readonly forcedInclusion: TimeColumn;
  readonly withdrawalDelay: TimeColumn;
  readonly probes: readonly ProbeRecord[];
}

export interface Evidence {
  readonly protocol: ProtocolDefinition<unknown>;
  readonly variant: string;
  readonly preset: { readonly name: string; readonly params: unknown };
  readonly probes: readonly ProbeRecord[];
}

/**
 * Turns attack outcomes and the protocol's declarations into a classification. Nothing
 * here knows a protocol by name: a new protocol is classified from what it declares and
 * from the attacks that target it.
 */
export function deriveClassification(evidence: Evidence): Classification {
  const { protocol, preset, probes } = evidence;
  const declared = resolve(protocol.trust, preset.params);
  const verdictProbe = probes.find((p) => p.attack === VERDICT_PROBE && p.assumption === undefined);
  const recovers = verdictProbe?.outcome === 'defended' ? true : verdictProbe?.outcome === 'violated' ? false : null;
  const mustTrust = trustEntries(declared, probes);
  const inclusionBreach = probes.find((p) => p.question === 'inclusion' && p.assumption === undefined && answers(p));
  const withdrawal = timeColumn('withdrawalDelay', declared.windows?.withdrawalDelay, preset.params);
  return {
    preset: preset.name,
    protocol: protocol.name,
    variant: evidence.variant,
    verdict: recovers === true ? 'Layer 2' : recovers === false ? 'not Layer 2' : 'unknown',
    trustModelDeclared: protocol.trust !== undefined,
    operatorDisappears: { recoversViaL1: recovers, text: disappearanceText(verdictProbe, protocol.name, evidence.variant) },
    mustTrust,
    assumes: recovers === true ? watchers(declared.stateValidity) : [],
    statedAssumptions: protocol.trust?.assumptions?.(preset.params) ?? [],
    dataOnL1: dataOnL1(declared),
    reducesToL1: recovers === null ? null : !recovers || mustTrust.length > 0 ? false : declared.windows ? true : null,
    exitWindow:
      recovers === false ? overridden('none', `${VERDICT_PROBE} violated: there is no L1 exit without ${declared.operator}`) : timeColumn('exit', declared.windows?.exit, preset.params),
    forcedInclusion: inclusionBreach
      ? overridden('none', `${inclusionBreach.attack} violated ${invariantsOf(inclusionBreach)}: ${declared.operator} kept a transaction out`)
      : timeColumn('forcedInclusion', declared.windows?.forcedInclusion, preset.params),
    withdrawalDelay:
      recovers === false && withdrawal.blocks !== null
        ? { ...withdrawal, text: `${withdrawal.text}, only while ${declared.operator} signs`, source: `${withdrawal.source}; ${VERDICT_PROBE} violated` }
        : withdrawal,
    probes,
  };
}

/** A trust model with its preset-dependent parts read for one preset; names default when nothing is declared. */
interface Declared {
  readonly operator: string;
  readonly dataHolder: string;
  readonly dataAvailability?: DataAvailability;
  readonly stateValidity?: StateValidity;
  readonly windows?: Readonly<Record<'exit' | 'forcedInclusion' | 'withdrawalDelay', WindowSource>>;
}

function resolve(model: TrustModel<unknown> | undefined, params: unknown): Declared {
  if (!model) return { operator: 'the operator', dataHolder: 'the operator' };
  const operator = model.operator(params);
  const dataAvailability = typeof model.dataAvailability === 'function' ? model.dataAvailability(params) : model.dataAvailability;
  const stateValidity = typeof model.stateValidity === 'function' ? model.stateValidity(params) : model.stateValidity;
  const dataHolder = dataAvailability === 'committee' ? (model.dataHolder?.(params) ?? 'the data committee') : operator;
  return { operator, dataHolder, dataAvailability, stateValidity, windows: model.windows };
}

/** Violated probes first (what the attacks showed), then what the design declares it takes on trust. */
function trustEntries(declared: Declared, probes: readonly ProbeRecord[]): TrustEntry[] {
  const entries: Array<{ party: string; for: TrustQuestion[]; basis: string[] }> = [];
  const add = (party: string, question: TrustQuestion, basis: string) => {
    let entry = entries.find((e) => e.party === party);
    if (!entry) entries.push((entry = { party, for: [], basis: [] }));
    if (!entry.for.includes(question)) entry.for.push(question);
    entry.basis.push(basis);
  };
  for (const probe of probes) {
    if (!answers(probe)) continue;
    const against = probe.assumption === undefined ? '' : ` against ${probe.variant ?? 'a variant'} (stated assumption: ${probe.assumption})`;
    add(probe.question === 'data' ? declared.dataHolder : declared.operator, probe.question, `${probe.attack}${against}: violated ${invariantsOf(probe)}`);
  }
  if (declared.stateValidity === 'federation' || declared.stateValidity === 'operator') {
    add(declared.operator, 'validity', `declared: state validity rests on ${declared.stateValidity === 'federation' ? 'federation signatures' : "the operator's word"}; L1 checks no proof`);
  }
  // A committee is named from what a data probe showed whenever one ran; with none, only the declaration speaks.
  const dataProbed = probes.some((p) => p.question === 'data' && p.outcome !== 'error');
  if (declared.dataAvailability === 'operator' || (declared.dataAvailability === 'committee' && !dataProbed)) {
    add(declared.dataHolder, 'data', `declared: data kept by ${declared.dataAvailability === 'committee' ? 'a committee' : 'the operator'}, not on L1`);
  }
  return entries;
}

function watchers(validity: StateValidity | undefined): string[] {
  if (validity === 'fraud-proof') return ['one honest party disputes a wrong state root within the challenge window'];
  if (validity === 'co-signature') return ['each user, or a watchtower for it, answers a stale close within the exit window'];
  return [];
}

function dataOnL1(declared: Declared): Classification['dataOnL1'] {
  const kept = declared.dataAvailability ?? null;
  const text: Record<DataAvailability, string> = {
    l1: 'yes: posted to L1',
    users: 'no: each user keeps the signed states its exit needs',
    committee: `no: ${declared.dataHolder} keeps it`,
    operator: `no: only ${declared.dataHolder} keeps it`,
  };
  return { value: kept === null ? null : kept === 'l1', kept, text: kept === null ? 'undeclared' : text[kept] };
}

function disappearanceText(probe: ProbeRecord | undefined, protocol: string, variant: string): string {
  if (!probe) return `not tested: ${VERDICT_PROBE} does not target ${protocol}/${variant}`;
  if (probe.outcome === 'defended') return 'users exit through L1 alone';
  if (probe.outcome === 'error') return `unknown: the run failed (${probe.error ?? 'error'})`;
  const loss = probe.violations.find((v) => v.amounts?.entitledWei !== undefined && v.amounts.recoveredWei !== undefined);
  if (!loss) return `funds at risk: ${invariantsOf(probe)}: ${probe.violations[0]?.message ?? ''}`;
  const who = loss.actors?.join(', ') ?? 'a user';
  return `funds stuck: ${who} recovered ${formatEth(BigInt(loss.amounts!.recoveredWei!))} of ${formatEth(BigInt(loss.amounts!.entitledWei!))} through L1`;
}

/** A probe answers its question when it broke one of its own invariants. */
function answers(probe: ProbeRecord): boolean {
  if (probe.outcome !== 'violated') return false;
  return probe.ownInvariants === undefined || probe.violations.some((v) => probe.ownInvariants!.includes(v.invariant));
}

function invariantsOf(probe: ProbeRecord): string {
  return [...new Set(probe.violations.map((v) => v.invariant))].join(', ');
}
