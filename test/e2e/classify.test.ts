import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { l2adv } from './cli.ts';

interface Row {
  preset: string;
  protocol: string;
  verdict: string;
  operatorDisappears: { recoversViaL1: boolean | null };
  mustTrust: Array<{ party: string; for: string[] }>;
  dataOnL1: { value: boolean | null };
  reducesToL1: boolean | null;
  statedAssumptions: string[];
  exitWindow: { blocks: number | null; text: string };
  forcedInclusion: { text: string };
  withdrawalDelay: { blocks: number | null; text: string };
  probes: Array<{ attack: string; outcome: string; repro: string }>;
}

function classifyJson(...args: string[]): { code: number; doc: { command: string; presets: Row[]; summary: Record<string, number> } } {
  const r = l2adv('classify', ...args, '--json');
  expect(r.stderr).toBe('');
  return { code: r.code, doc: JSON.parse(r.stdout) };
}

/** A shipped preset (the sidechain's by default), edited and written to a temp dir, as a user would try a variation. */
function editedSidechain(name: string, params: Record<string, unknown>, shippedName = 'federated-sidechain'): string {
  const shipped = JSON.parse(readFileSync(join(import.meta.dirname, `../../fixtures/protocols/${shippedName}.json`), 'utf8'));
  const path = join(mkdtempSync(join(tmpdir(), 'l2adv-classify-')), `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...shipped, name, params: { ...shipped.params, ...params } }));
  return path;
}

describe('l2adv classify', () => {
  it('classifies every registered preset from attack outcomes, as one JSON document', () => {
    const { code, doc } = classifyJson();
    expect(code).toBe(0);
    expect(doc.command).toBe('classify');
    const byName = new Map(doc.presets.map((p) => [p.preset, p]));
    for (const name of ['custodial-exchange', 'federated-sidechain', 'lightning-lnd', 'perun']) expect(byName.has(name), name).toBe(true);
    for (const name of ['custodial-exchange', 'federated-sidechain']) {
      expect(byName.get(name)).toMatchObject({ verdict: 'not Layer 2', reducesToL1: false, dataOnL1: { value: false }, exitWindow: { text: 'none' } });
    }
    for (const name of ['lightning-lnd', 'perun']) expect(byName.get(name)).toMatchObject({ verdict: 'Layer 2', operatorDisappears: { recoversViaL1: true } });
    // Rollups recover via L1: forced inclusion (optimistic) or freeze and escape hatch (StarkEx).
    for (const name of ['arbitrum-one', 'op-mainnet', 'starkex']) {
      expect(byName.get(name), name).toMatchObject({ verdict: 'Layer 2', operatorDisappears: { recoversViaL1: true }, dataOnL1: { value: true } });
    }
    // Blob posters state that someone archives blobs past the retention window; StarkEx posts calldata and needs no archive.
    for (const name of ['arbitrum-one', 'op-mainnet', 'zksync-era']) expect(byName.get(name)!.statedAssumptions, name).toEqual([expect.stringMatching(/archives blob data past the 4,096-epoch/)]);
    expect(byName.get('starkex')!.statedAssumptions).toEqual([]);
    // zkSync Era's priority queue has no enforced deadline: the risk shows as the preset's property.
    expect(byName.get('zksync-era')).toMatchObject({ verdict: 'not Layer 2', operatorDisappears: { recoversViaL1: false }, exitWindow: { text: 'none' } });
    expect(byName.get('zksync-era')!.probes.find((p) => p.attack === 'ignored-forced-exit')!.outcome).toBe('violated');
    // unsound-proof fails there only because no exit exists: it says nothing about validity, so only custody is named.
    expect(byName.get('zksync-era')!.mustTrust.map((t) => t.for)).toEqual([['custody']]);
    // The validium recovers via L1 while its committee serves the data; the committee is trusted for data because colluding members withheld it.
    expect(byName.get('anytrust')).toMatchObject({ protocol: 'validium', verdict: 'Layer 2', operatorDisappears: { recoversViaL1: true }, dataOnL1: { value: false, kept: 'committee' }, reducesToL1: false });
    expect(byName.get('anytrust')!.mustTrust).toEqual([{ party: 'the data committee (5 of 6)', for: ['data'], basis: [expect.stringMatching(/^dac-withholding against colluding-committee \(stated assumption: .*\): violated data-availability/)] }]);
    expect(byName.get('anytrust')!.probes.map((p) => [p.attack, p.outcome])).toEqual([
      ['operator-disappears', 'defended'],
      ['ignored-forced-exit', 'defended'],
      ['dac-withholding', 'defended'],
      ['dac-withholding', 'violated'],
      ['unsound-proof', 'defended'],
    ]);
    // Every verdict rests on an attack that ran, with the line that reruns it.
    for (const p of doc.presets) {
      const disappears = p.probes.find((x) => x.attack === 'operator-disappears');
      expect(disappears?.repro, p.preset).toMatch(/^l2adv attack operator-disappears --protocol /);
    }
    expect(doc.summary.total).toBe(doc.presets.length);
  });

  it('changes the classification when a preset file is edited: who must be trusted, and how long a withdrawal takes', () => {
    const unanimous = editedSidechain('unanimous-sidechain', { threshold: 15, pegOutDelayBlocks: 7200 });
    const { code, doc } = classifyJson('--preset', 'federated-sidechain', '--preset', unanimous);
    expect(code).toBe(0);
    const [shipped, edited] = doc.presets;
    expect(shipped!.mustTrust[0]!.party).toBe('the federation (11 of 15)');
    expect(edited!.preset).toBe(unanimous);
    expect(edited!.mustTrust[0]!.party).toBe('the federation (15 of 15)');
    expect([shipped!.withdrawalDelay.blocks, edited!.withdrawalDelay.blocks]).toEqual([10, 7200]);
    expect(edited!.withdrawalDelay.text).toBe('7,200 blocks (24 h), only while the federation (15 of 15) signs');
  });

  it('turns StarkEx into "not Layer 2" when its preset loses the forced-request deadline (no freeze, no escape hatch)', () => {
    const noDeadline = editedSidechain('starkex-no-escape', { forcedRequestDeadlineBlocks: null }, 'starkex');
    const { code, doc } = classifyJson('--preset', 'starkex', '--preset', noDeadline);
    expect(code).toBe(0);
    const [shipped, edited] = doc.presets;
    expect(shipped).toMatchObject({ verdict: 'Layer 2', reducesToL1: true, exitWindow: { blocks: 50_400 } });
    expect(edited).toMatchObject({ preset: noDeadline, verdict: 'not Layer 2', reducesToL1: false, exitWindow: { text: 'none' } });
    expect(edited!.mustTrust[0]!.party).toBe('the operator (sequencer and prover)');
  });

  it('names the committee the anytrust preset file declares: editing its size and threshold changes whom users trust', () => {
    const strict = editedSidechain('anytrust-3-of-9', { committeeSize: 9, committeeThreshold: 3 }, 'anytrust');
    const { code, doc } = classifyJson('--preset', 'anytrust', '--preset', strict);
    expect(code).toBe(0);
    const [shipped, edited] = doc.presets;
    expect([shipped!.mustTrust[0]!.party, edited!.mustTrust[0]!.party]).toEqual(['the data committee (5 of 6)', 'the data committee (3 of 9)']);
    expect(edited!.dataOnL1).toMatchObject({ value: false });
  });

  it('prints a table, each preset with its evidence, and a summary line', () => {
    const r = l2adv('classify', '--preset', 'custodial-exchange', '--preset', 'federated-sidechain');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^preset\s+protocol\s+verdict\s+operator gone\s+must trust\s+data on L1\s+reduces to L1$/m);
    expect(r.stdout).toMatch(/^federated-sidechain\s+sidechain\/reference\s+not Layer 2\s+funds stuck\s+the federation \(11 of 15\)/m);
    expect(r.stdout).toContain('l2adv attack operator-disappears --protocol sidechain --variant reference --seed 1');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('2 presets: 0 Layer 2, 2 not Layer 2, 0 unknown');
  });

  it.each([
    [['--preset', 'nope'], /unknown preset "nope"; valid: .*federated-sidechain/],
    [['--preset', '/no/such/preset.json'], /cannot read preset file \/no\/such\/preset.json/],
    [['--frob'], /unknown option '--frob'/],
  ])('bad input %j: one line, exit 2, nothing on stdout', (args, message) => {
    const r = l2adv('classify', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
