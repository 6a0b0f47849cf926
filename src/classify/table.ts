import type { Palette } from '../report/color.ts';
import type { Classification, ProbeRecord } from './derive.ts';

const LABEL = 28;

/** The summary table: one row per preset, the verdict and whom users must trust. */
export function formatClassifyTable(list: readonly Classification[], c: Palette): string {
  const rows = list.map((k) => [k.preset, `${k.protocol}/${k.variant}`, k.verdict, recoveryCell(k), trustCell(k), dataCell(k), yesNo(k.reducesToL1)]);
  const header = ['preset', 'protocol', 'verdict', 'operator gone', 'must trust', 'data on L1', 'reduces to L1'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [c.bold(line(header)), ...rows.map((r) => colourVerdict(line(r), r[2]!, c))].join('\n');
}

/** One preset in full: every column with the evidence behind it, ending with the lines that rerun the probes. */
export function formatClassification(k: Classification, c: Palette): string {
  const lines = [`${c.bold(k.preset)} ${c.dim('—')} ${k.protocol}/${k.variant}: ${colourVerdict(k.verdict, k.verdict, c)}`];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(LABEL)} ${value}`);
  row('if the operator disappears', k.operatorDisappears.text);
  row('whom you must trust', k.mustTrust.length === 0 ? noOne(k) : k.mustTrust.map((e) => `${e.party} for ${e.for.join(', ')}`).join('; '));
  for (const a of k.assumes) row('someone must watch L1', a);
  for (const a of k.statedAssumptions) row('stated assumption', a);
  row('data on L1', k.dataOnL1.text);
  row('security reduces to L1', yesNo(k.reducesToL1));
  row('exit window', withSource(k.exitWindow.text, k.exitWindow.source, c));
  row('forced-inclusion bound', withSource(k.forcedInclusion.text, k.forcedInclusion.source, c));
  row('withdrawal delay', withSource(k.withdrawalDelay.text, k.withdrawalDelay.source, c));
  k.probes.forEach((p, i) => {
    row(i === 0 ? 'attacks run' : '', `${p.attack}${p.assumption ? ` against ${p.variant} (stated assumption broken)` : ''}: ${probeOutcome(p)}`);
    lines.push(`  ${''.padEnd(LABEL)} ${c.dim(p.repro)}`);
  });
  if (k.probes.length === 0) row('attacks run', 'none target this protocol');
  return lines.join('\n');
}

export function formatClassifySummary(list: readonly Classification[], c: Palette): string {
  const count = (v: Classification['verdict']) => list.filter((k) => k.verdict === v).length;
  const head = `${list.length} presets: ${count('Layer 2')} Layer 2, ${count('not Layer 2')} not Layer 2, ${count('unknown')} unknown`;
  return count('unknown') > 0 ? c.yellow(head) : head;
}

function recoveryCell(k: Classification): string {
  const r = k.operatorDisappears.recoversViaL1;
  return r === true ? 'exit via L1' : r === false ? 'funds stuck' : 'unknown';
}

function trustCell(k: Classification): string {
  if (k.mustTrust.length > 0) return k.mustTrust.map((e) => e.party).join(', ');
  return !k.operatorDisappears.recoversViaL1 ? 'unknown' : k.trustModelDeclared ? 'L1 only' : 'none found';
}

function noOne(k: Classification): string {
  if (!k.operatorDisappears.recoversViaL1) return 'unknown';
  return k.trustModelDeclared ? 'no one but L1' : 'no one the attacks found (the protocol declares no trust model)';
}

function dataCell(k: Classification): string {
  return k.dataOnL1.value === null ? 'undeclared' : k.dataOnL1.value ? 'yes' : `no (${k.dataOnL1.kept})`;
}

function yesNo(value: boolean | null): string {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

function probeOutcome(p: ProbeRecord): string {
  if (p.outcome === 'error') return `error: ${p.error ?? 'unknown'}`;
  if (p.outcome === 'defended') return 'defended';
  const broke = `violated ${[...new Set(p.violations.map((v) => v.invariant))].join(', ')}`;
  if (p.ownInvariants && !p.violations.some((v) => p.ownInvariants!.includes(v.invariant))) return `${broke} — not ${p.ownInvariants.join(' or ')}, so it names no one`;
  return broke;
}

function withSource(text: string, source: string, c: Palette): string {
  return `${text} ${c.dim(`(${source})`)}`;
}

function colourVerdict(text: string, verdict: string, c: Palette): string {
  return verdict === 'Layer 2' ? c.green(text) : verdict === 'not Layer 2' ? c.red(text) : c.yellow(text);
}
