import { getBytes, hexlify } from 'ethers';
import { afterAll, beforeAll } from 'vitest';
import { nameOf, type Address } from '../../src/crypto/accounts.ts';
import { AnvilL1 } from '../../src/l1/anvil/AnvilL1.ts';
import type { L1, MinedBlock } from '../../src/l1/L1.ts';
import { MemoryL1 } from '../../src/l1/memory/MemoryL1.ts';

/**
 * Differential testing of one contract on both backends (DESIGN §4): the same abstract
 * call sequence, driven on a fresh MemoryL1 and on one anvil node shared by every run of a
 * file (each run deploys its own contract), must give the same receipts, events, reverts,
 * views and balance changes. Backends differ in contract addresses, so channel ids and
 * signatures differ too: the driver derives them per backend, and observations name them
 * (`alice`, `adjudicator`, `channel#1`) rather than show raw hex.
 */
export function sharedAnvil(): () => AnvilL1 {
  let l1: AnvilL1 | undefined;
  beforeAll(async () => {
    l1 = await AnvilL1.start();
  });
  afterAll(async () => {
    await l1?.close();
  });
  return () => l1!;
}

/** A memory L1 at the anvil node's height, so both run the sequence at the same block numbers and contract deadlines. */
export async function memoryAt(height: number): Promise<MemoryL1> {
  const memory = new MemoryL1();
  await memory.skipTo(height);
  return memory;
}

/** Replaces raw hex a backend chose (addresses, ids) by the names a reader would use; everything else as is. */
export function normalize(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return names.get(value.toLowerCase()) ?? (value.length === 42 && value.startsWith('0x') ? nameOf(value) : value);
  if (Array.isArray(value)) return value.map((v) => normalize(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, names)]));
  return value;
}

/** What one mined block did: each transaction's status, revert reason and events (name + args). */
export function blockOutcome(block: MinedBlock, names: ReadonlyMap<string, string>): unknown {
  return block.txs.map((t) => ({
    method: t.method,
    status: t.status,
    reason: t.revertReason,
    events: t.logs.map((l) => ({ name: l.name, contract: normalize(l.contract, names), args: normalize(l.args, names) })),
  }));
}

/** Balance changes since `start`: the node keeps balances across runs, so absolute values differ. */
export async function balanceChanges(l1: L1, who: readonly Address[], start: ReadonlyMap<string, bigint>): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const a of who) out[nameOf(a)] = (await l1.balanceOf(a)) - (start.get(a) ?? 0n);
  return out;
}

export async function balancesOf(l1: L1, who: readonly Address[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (const a of who) out.set(a, await l1.balanceOf(a));
  return out;
}

/** A signature with one byte flipped: no longer anyone's, on either backend. */
export function corrupted(signature: string, at: number): string {
  const bytes = getBytes(signature);
  bytes[at % 64]! ^= 0x5a;
  return hexlify(bytes);
}

/** Runs a view and captures a revert as data, so both backends' view failures compare too. */
export async function viewOrRevert<T>(read: () => Promise<T>): Promise<T | { reverted: string }> {
  try {
    return await read();
  } catch (e) {
    return { reverted: e instanceof Error ? e.message : String(e) };
  }
}
