import { getBytes, hexlify } from 'ethers';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
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

export interface DifferentialRun<S, O> {
  readonly sequences: fc.Arbitrary<S>;
  /** Accounts funded with `fundWei` on both backends before the sequences run. */
  readonly funded: readonly Address[];
  readonly fundWei: bigint;
  /** Deploys on `l1` and plays one sequence, returning what it observed. */
  play(l1: L1, sequence: S): Promise<O>;
  /** Sees each observation both backends agreed on (a file's coverage check reads it). */
  record(observed: O): void;
  readonly runs: number;
  readonly seed: number;
}

/** The differential property: every sequence observes the same on a fresh MemoryL1 at the node's height as on the shared node. */
export async function assertSameOnBothBackends<S, O>(anvil: AnvilL1, run: DifferentialRun<S, O>): Promise<void> {
  for (const who of run.funded) await anvil.fund(who, run.fundWei);
  await fc.assert(
    fc.asyncProperty(run.sequences, async (sequence) => {
      const memory = await memoryAt(anvil.head().number);
      for (const who of run.funded) await memory.fund(who, run.fundWei);
      const expected = await run.play(memory, sequence);
      expect(await run.play(anvil, sequence)).toEqual(expected);
      run.record(expected);
    }),
    { numRuns: run.runs, seed: run.seed, endOnFailure: true },
  );
}

interface ObservedTx {
  readonly reason?: string;
  readonly events: ReadonlyArray<{ readonly name: string; readonly args?: Record<string, unknown> }>;
}

/**
 * What a file's differential runs reached, for its coverage check: how many sequences ran,
 * the events emitted, and the revert reasons in the shape `reasonShape` gives them (the
 * numbers and hex in a reason are the sequence's, its wording is what a run covers).
 * Observations are the drivers' lists; entries with `txs` are mined blocks (`blockOutcome`).
 */
export class DifferentialCoverage {
  runs = 0;
  readonly events = new Set<string>();
  readonly reasons = new Set<string>();

  constructor(
    private readonly reasonShape: (reason: string) => string = (reason) => reason,
    private readonly onEvent?: (event: ObservedTx['events'][number]) => void,
  ) {}

  record(observed: readonly unknown[]): void {
    this.runs++;
    for (const entry of observed) {
      for (const t of (entry as { txs?: readonly ObservedTx[] }).txs ?? []) {
        if (t.reason) this.reasons.add(this.reasonShape(t.reason));
        for (const e of t.events) {
          this.events.add(e.name);
          this.onEvent?.(e);
        }
      }
    }
  }
}

/**
 * Plays one abstract call sequence against one deployment. A driver says how to send each
 * contract call and what to observe after each block; draining the mempool and letting
 * time pass are the same for every contract.
 */
export abstract class SequenceDriver<Op> {
  /** What the sequence observed, in order: compared across backends. */
  readonly observed: unknown[] = [];

  protected constructor(protected readonly l1: L1) {}

  async play(ops: readonly Op[]): Promise<unknown[]> {
    for (const [i, op] of ops.entries()) await this.apply(op, i);
    await this.drain();
    await this.end();
    return this.observed;
  }

  /** Sends op `index` of the sequence (or mines, or lets time pass). */
  protected abstract apply(op: Op, index: number): Promise<void>;

  /** Mines one block and records what it did. */
  protected abstract mine(): Promise<void>;

  /** What to observe once the whole sequence has landed. @defaultValue nothing */
  protected async end(): Promise<void> {}

  protected async drain(): Promise<void> {
    while (this.l1.pendingCount() > 0) await this.mine();
  }

  /** `blocks` blocks pass: what is pending lands first, empty blocks are skipped, the last is mined and observed. */
  protected async advance(blocks: number): Promise<void> {
    await this.drain();
    await this.l1.skipTo(this.l1.head().number + blocks - 1);
    await this.mine();
  }
}
