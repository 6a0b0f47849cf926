import { attacks, capabilities, invariants, protocols } from '../catalogue.ts';
import { loadPresetFiles, presetsFor } from '../protocols/presets.ts';
import type { Io } from './io.ts';
import { parse } from './options.ts';

/** What `l2adv list --json` prints. */
export interface Catalogue {
  command: 'list';
  attacks: Array<{ name: string; summary: string; references: readonly string[]; targets: Array<{ protocol: string; variant: string; expected: string; invariant?: string; assumption?: string }> }>;
  protocols: Array<{
    name: string;
    summary: string;
    defaultPreset: string;
    variants: Array<{ name: string; kind: string; summary: string; removes?: string }>;
    presets: Array<{ name: string; description: string; params: unknown; sources: Readonly<Record<string, string>> }>;
  }>;
  invariants: Array<{ name: string; kind: string; description: string }>;
  capabilities: Array<{ name: string; description: string }>;
}

export function catalogueJson(): Catalogue {
  const files = loadPresetFiles();
  return {
    command: 'list',
    attacks: attacks.map((a) => ({
      name: a.name,
      summary: a.summary,
      references: a.references,
      targets: Object.entries(a.targets).flatMap(([protocol, vs]) =>
        Object.entries(vs).map(([variant, e]) => ({ protocol, variant, expected: e === 'defended' ? 'defended' : 'violated', ...(e === 'defended' ? {} : { invariant: e.violated }), ...(e !== 'defended' && e.assumption ? { assumption: e.assumption } : {}) })),
      ),
    })),
    protocols: protocols.map((p) => ({
      name: p.name,
      summary: p.summary,
      variants: Object.entries(p.variants).map(([name, v]) => ({ name, ...v })),
      defaultPreset: p.defaultPreset,
      presets: presetsFor(p, files).map((s) => ({ name: s.name, description: s.description, params: s.params, sources: s.sources })),
    })),
    invariants: invariants.map((i) => ({ name: i.name, kind: i.kind, description: i.description })),
    capabilities: capabilities.map((c) => ({ name: c.name, description: c.description })),
  };
}

export async function listCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parse('list', argv, { json: { type: 'boolean' as const } });
  const catalogue = catalogueJson();
  if (values.json) {
    io.out(JSON.stringify(catalogue, null, 2));
    return 0;
  }
  io.out('Attacks');
  for (const a of catalogue.attacks) {
    io.out(`  ${a.name.padEnd(24)} ${a.summary}`);
    for (const t of a.targets) io.out(`    ${`${t.protocol}/${t.variant}`.padEnd(40)} expect ${t.expected}${t.invariant ? ` ${t.invariant}` : ''}${t.assumption ? ` (stated assumption: ${t.assumption})` : ''}`);
  }
  io.out('\nProtocols');
  for (const p of catalogue.protocols) {
    io.out(`  ${p.name.padEnd(24)} ${p.summary}`);
    for (const v of p.variants) io.out(`    ${v.name.padEnd(28)} ${v.kind.padEnd(9)} ${v.removes ? `removes: ${v.removes}` : v.summary}`);
    io.out(`    presets: ${p.presets.map((s) => (s.name === p.defaultPreset ? `${s.name} (default)` : s.name)).join(', ')}`);
  }
  io.out('\nInvariants');
  for (const i of catalogue.invariants) io.out(`  ${i.name.padEnd(24)} ${i.kind.padEnd(10)} ${i.description}`);
  io.out('\nAdversary capabilities');
  for (const c of catalogue.capabilities) io.out(`  ${c.name.padEnd(24)} ${c.description}`);
  return 0;
}
