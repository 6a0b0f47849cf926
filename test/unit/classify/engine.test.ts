import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { unleash } from '../../../src/adversary/capability.ts';
import { operatorHalt } from '../../../src/adversary/operator-halt.ts';
import { classify, registeredCatalogue, type ClassifyCatalogue } from '../../../src/classify/engine.ts';
import { PROBES, referenceVariant } from '../../../src/classify/probes.ts';
import { account } from '../../../src/crypto/accounts.ts';
import { invariants } from '../../../src/invariants/index.ts';
import type { RecoverabilitySubject } from '../../../src/invariants/l1-recoverability.ts';
import { defineAttack } from '../../../src/kernel/attack.ts';
import { custodyWallet } from '../../../src/l1/contracts/custody-wallet.ts';
import { eth } from '../../../src/l1/units.ts';
import { defineProtocol, type ProtocolDefinition } from '../../../src/protocols/define.ts';
import type { PresetFile } from '../../../src/protocols/presets.ts';

/**
 * A vault that exists only in this test: alice deposits; with an escape hatch she holds
 * the release key herself after the operator is gone, without one only the operator
 * does. Classify must tell the two apart from the run alone.
 */
const vault = defineProtocol<{ escapeHatchBlocks: number | null }>({
  name: 'vault',
  summary: 'a test vault with an optional escape hatch',
  variants: { secure: { kind: 'secure', summary: 'as designed' } },
  defaultPreset: 'vault-hatch',
  params: z.strictObject({ escapeHatchBlocks: z.number().int().min(1).nullable() }),
  trust: {
    operator: () => 'the vault operator',
    dataAvailability: 'l1',
    stateValidity: 'validity-proof',
    windows: { exit: { param: 'escapeHatchBlocks' }, forcedInclusion: 'n/a', withdrawalDelay: { param: 'escapeHatchBlocks' } },
  },
  async setup(world, { params }) {
    const alice = account('alice').address;
    const wallet = await world.l1.deploy(custodyWallet, { custodian: params.escapeHatchBlocks === null ? account('vault-operator').address : alice });
    await world.l1.fund(alice, eth(10));
    world.addActor({ name: 'vault-operator', role: 'operator' });
    world.addActor({ name: 'alice', role: 'honest' });
    let from = Infinity;
    const recoverability: RecoverabilitySubject = {
      claims: async (w) => [
        { party: 'alice', entitledWei: eth(4), recoveredWei: w.l1.logs({ contract: wallet.address, name: 'Released', fromBlock: from }).reduce((s, l) => s + (l.args.amountWei as bigint), 0n) },
      ],
    };
    return {
      subjects: { 'l1-recoverability': recoverability },
      async workload(w) {
        await wallet.deposit({ from: alice, value: eth(4) });
        await w.settle();
      },
      async recover(w) {
        from = w.height + 1;
        await w.advance(params.escapeHatchBlocks ?? 1);
        await wallet.release({ from: alice }, alice, eth(4));
        await w.settle();
      },
    };
  },
});

const vaultDisappears = defineAttack({
  name: 'operator-disappears',
  summary: 'the operator halts',
  references: [],
  targets: { vault: { secure: 'defended' } },
  async run({ world, instance }) {
    await instance.workload(world);
    await unleash(world, operatorHalt, {});
  },
});

function presetFile(name: string, escapeHatchBlocks: number | null): PresetFile {
  return { name, protocol: 'vault', description: name, params: { escapeHatchBlocks }, sources: {} };
}

const toy: ClassifyCatalogue = {
  protocols: [vault as ProtocolDefinition<unknown>],
  attacks: [vaultDisappears],
  invariants,
  presetFiles: [presetFile('vault-hatch', 50_400)],
  probes: PROBES,
};

describe('classify engine', () => {
  it('classifies a protocol it has never heard of from its declarations and the attacks that target it', async () => {
    const [k] = await classify({ presets: [], seed: 1 }, toy);
    expect(k).toMatchObject({ preset: 'vault-hatch', verdict: 'Layer 2', reducesToL1: true, exitWindow: { blocks: 50_400, text: '50,400 blocks (7 days)' } });
    expect(k!.probes.map((p) => [p.attack, p.outcome])).toEqual([['operator-disappears', 'defended']]);
  });

  it('changes the verdict when an edited preset file removes the escape hatch', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'l2adv-classify-')), 'no-hatch.json');
    writeFileSync(path, JSON.stringify(presetFile('vault-no-hatch', null)));
    const [withHatch, without] = await classify({ presets: ['vault-hatch', path], seed: 1 }, toy);
    expect(withHatch!.verdict).toBe('Layer 2');
    expect(without).toMatchObject({ preset: path, verdict: 'not Layer 2', reducesToL1: false, exitWindow: { text: 'none' } });
    expect(without!.operatorDisappears.text).toBe('funds stuck: alice recovered 0 ETH of 4 ETH through L1');
    expect(without!.mustTrust[0]).toMatchObject({ party: 'the vault operator', for: ['custody'] });
  });

  it('calls a preset unknown, never a Layer 2, when its verdict run crashes', async () => {
    const crashing = defineAttack({ ...vaultDisappears, run: () => Promise.reject(new Error('model bug')) });
    const [k] = await classify({ presets: [], seed: 1 }, { ...toy, attacks: [crashing] });
    expect(k).toMatchObject({ verdict: 'unknown', reducesToL1: null, operatorDisappears: { recoversViaL1: null, text: 'unknown: the run failed (model bug)' } });
    expect(k!.probes[0]).toMatchObject({ outcome: 'error', error: 'model bug', repro: 'l2adv attack operator-disappears --protocol vault --variant secure --seed 1' });
  });

  it('rejects an unknown preset before running anything, listing the valid ones', async () => {
    await expect(classify({ presets: ['vault-hatch', 'nope'], seed: 1 }, toy)).rejects.toThrow('unknown preset "nope"; valid: vault-hatch');
  });

  it('rejects a preset whose protocol is not registered', async () => {
    const stray = { ...toy, presetFiles: [...toy.presetFiles, { ...presetFile('stray', 1), protocol: 'plasma' }] };
    await expect(classify({ presets: ['stray'], seed: 1 }, stray)).rejects.toThrow('preset stray is for protocol plasma, which is not registered');
  });
});

describe('classify on the registered catalogue', () => {
  it('finds the custodial exchange and the federated sidechain are not Layer 2s, and channels are', async () => {
    const list = await classify({ presets: ['custodial-exchange', 'federated-sidechain', 'lightning-lnd'], seed: 1 });
    expect(list.map((k) => [k.preset, k.verdict])).toEqual([
      ['custodial-exchange', 'not Layer 2'],
      ['federated-sidechain', 'not Layer 2'],
      ['lightning-lnd', 'Layer 2'],
    ]);
    const [custodial, sidechain] = list;
    expect(custodial!.mustTrust.map((e) => e.party)).toEqual(['the custodian']);
    expect(sidechain!.mustTrust).toEqual([expect.objectContaining({ party: 'the federation (11 of 15)', for: ['custody', 'validity', 'data'] })]);
    expect(sidechain!.withdrawalDelay.blocks).toBe(10);
  });

  it('every registered protocol is a target of operator-disappears on the variant classify describes', () => {
    const { protocols, attacks } = registeredCatalogue();
    const disappears = attacks.find((a) => a.name === 'operator-disappears')!;
    const missing = protocols.filter((p) => !disappears.targets[p.name]?.[referenceVariant(p)]).map((p) => `${p.name}/${referenceVariant(p)}`);
    expect(missing).toEqual([]);
  });
});
