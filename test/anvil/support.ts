import { readdirSync, readFileSync } from 'node:fs';
import { invariants, protocolNamed } from '../../src/catalogue.ts';
import { account } from '../../src/crypto/accounts.ts';
import { defineAttack, violated, type AttackDefinition, type AttackResult } from '../../src/kernel/attack.ts';
import { runTarget } from '../../src/kernel/run.ts';
import { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import { custodyWallet, type CustodyWalletFacade } from '../../src/l1/contracts/custody-wallet.ts';
import type { Deployed, L1 } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { findPreset, loadPresetFiles } from '../../src/protocols/presets.ts';

export const alice = account('alice').address;
export const bob = account('bob').address;
export const custodian = account('custodian').address;

/** A wallet on `l1` with alice and bob funded, as the custodial protocol sets it up. */
export async function walletOn(l1: L1): Promise<Deployed<CustodyWalletFacade>> {
  const wallet = await l1.deploy(custodyWallet, { custodian });
  for (const who of [alice, bob]) await l1.fund(who, eth(100));
  return wallet;
}

export async function withAnvil<T>(body: (l1: AnvilL1) => Promise<T>): Promise<T> {
  const l1 = await AnvilL1.start();
  try {
    return await body(l1);
  } finally {
    await l1.close();
  }
}

/** Pids of live anvil processes whose environment carries `tag` (Linux /proc), to prove none outlives its run. */
export function anvilsTagged(tag: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The node itself, not a process that merely mentions it (`l2adv attack --l1 anvil` does).
      const program = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!/(^|\/)anvil$/.test(program) || !isAlive(Number(entry))) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`L2ADV_TEST_TAG=${tag}`)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Whether `pid` still runs; a zombie (killed, not yet reaped by its new parent) has ended. */
export function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Runs a one-off safety phase against custodial/reference on anvil through the kernel, as an attack would. */
export async function runOnAnvil(safety: AttackDefinition['run']): Promise<AttackResult> {
  const protocol = protocolNamed('custodial');
  const attack = defineAttack({
    name: 'anvil-harness',
    summary: 'test harness: a scripted safety phase on anvil',
    references: [],
    targets: { custodial: { reference: violated('l1-recoverability') } },
    run: safety,
  });
  return runTarget({ attack, protocol, variant: 'reference', preset: findPreset(protocol, undefined, loadPresetFiles()), seed: 1, l1: 'anvil', invariants });
}
