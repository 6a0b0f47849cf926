import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../src/crypto/accounts.ts';
import { keccakHex, keccakText, ZERO_HASH } from '../../src/crypto/keccak.ts';
import { delayedInbox, type DelayedInboxFacade } from '../../src/l1/contracts/delayed-inbox.ts';
import { rollupInbox, type BatchHeader, type RollupInboxFacade, type RollupInboxParams } from '../../src/l1/contracts/rollup-inbox.ts';
import type { Deployed, L1 } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, blockOutcome, DifferentialCoverage, normalize, SequenceDriver, sharedAnvil, viewOrRevert } from './differential.ts';

/**
 * SequencerInbox.sol and DelayedInbox.sol against their TS twins under fast-check call
 * sequences, for the secure rules (with and without Arbitrum's delay buffer) and each
 * twin's flag: forced transactions and bridge deposits into the delayed inbox (and
 * deposits from someone who is not the bridge), batches in calldata, in EIP-4844 blobs
 * (real type-3 transactions on anvil) or as a bare hash, from the sequencer or not, with
 * stale or future sequence numbers, delayed-read counts that go back or beyond, and time
 * bounds met or missed; force inclusions of too few, enough or too many messages before
 * and after the delay. Blob versioned hashes differ by backend (keccak in memory, KZG on
 * anvil), so observations name each blob by the operation that posted it.
 */
const [alice, bob, carol, sequencer, deployer] = ['alice', 'bob', 'carol', 'sequencer', 'rollup-deployer'].map(account) as [Account, Account, Account, Account, Account];
const PEOPLE = { alice, bob, carol } as const;
type Person = keyof typeof PEOPLE;
/** carol is wired in as the delayed inbox's bridge: her deposits land, anyone else's revert. */
const BRIDGE: Person = 'carol';

type Carrier = 'calldata' | 'empty-calldata' | 'blobs' | 'hash-only';
type DelayedRead = 'keep' | 'all' | 'one-back' | 'one-beyond';
type Count = 'next' | 'all' | 'already-read' | 'beyond';

type Op =
  | { kind: 'force-tx'; from: Person; action: 'transfer' | 'withdraw' | 'deposit'; to: Person; amount: number; all: boolean }
  | { kind: 'deposit'; from: Person; to: Person; amount: number }
  | { kind: 'initialize'; fromDeployer: boolean }
  | { kind: 'batch'; bySequencer: boolean; carrier: Carrier; blobs: number; sequence: -1 | 0 | 1; delayedRead: DelayedRead; notBefore: number | null; deadline: number | null }
  | { kind: 'force'; from: Person; count: Count }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const person = fc.constantFrom<Person>('alice', 'alice', 'bob', 'carol');
/** A time bound relative to the next block, mostly unchecked (null) so that most batches get past it. */
const bound = (min: number, max: number): fc.Arbitrary<number | null> => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min, max }) });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('force-tx' as const),
      from: person,
      action: fc.constantFrom('transfer' as const, 'withdraw' as const, 'withdraw' as const, 'transfer' as const, 'deposit' as const),
      to: person,
      amount: fc.nat({ max: 5 }),
      all: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deposit' as const), from: fc.constantFrom<Person>('carol', 'carol', 'carol', 'alice'), to: person, amount: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('initialize' as const), fromDeployer: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      bySequencer: fc.constantFrom(true, true, true, true, true, false),
      carrier: fc.constantFrom<Carrier>('calldata', 'calldata', 'blobs', 'blobs', 'hash-only', 'hash-only', 'empty-calldata'),
      blobs: fc.integer({ min: 1, max: 3 }),
      sequence: fc.constantFrom<-1 | 0 | 1>(0, 0, 0, 0, 0, 0, -1, 1),
      delayedRead: fc.constantFrom<DelayedRead>('keep', 'keep', 'all', 'all', 'all', 'all', 'one-back', 'one-beyond'),
      notBefore: bound(-2, 3),
      deadline: bound(-3, 3),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('force' as const), from: person, count: fc.constantFrom<Count>('next', 'all', 'all', 'already-read', 'beyond') }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 30 }) }) },
);
/** Every sequence wires the bridge first, as deployRollup does. */
const sequenceArb: fc.Arbitrary<Op[]> = fc.array(anyOp, { minLength: 1, maxLength: 28, size: 'max' }).map((ops): Op[] => [{ kind: 'initialize', fromDeployer: true }, ...ops]);

/** One backend's run of a sequence. */
class InboxDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;
  /** Batches sent since the last block: the next one's sequence number counts them. */
  private unmined = 0;

  private constructor(
    l1: L1,
    private readonly delayed: Deployed<DelayedInboxFacade>,
    private readonly inbox: Deployed<RollupInboxFacade>,
  ) {
    super(l1);
    this.names = new Map([
      [delayed.address.toLowerCase(), 'delayed-inbox'],
      [inbox.address.toLowerCase(), 'sequencer-inbox'],
    ]);
  }

  static async on(l1: L1, rules: Omit<RollupInboxParams, 'sequencer' | 'delayedInbox'>): Promise<InboxDriver> {
    const delayed = await l1.deploy(delayedInbox, { deployer: deployer.address });
    const inbox = await l1.deploy(rollupInbox, { ...rules, sequencer: sequencer.address, delayedInbox: delayed.address });
    return new InboxDriver(l1, delayed, inbox);
  }

  protected async apply(op: Op, i: number): Promise<void> {
    switch (op.kind) {
      case 'force-tx':
        await this.delayed.sendTransaction({ from: PEOPLE[op.from].address }, { action: op.action as 'transfer', to: PEOPLE[op.to].address, amountWei: eth(op.amount), all: op.all });
        return;
      case 'deposit':
        await this.delayed.enqueueDeposit({ from: PEOPLE[op.from].address }, alice.address, PEOPLE[op.to].address, eth(op.amount));
        return;
      case 'initialize':
        await this.delayed.initialize({ from: op.fromDeployer ? deployer.address : alice.address }, PEOPLE[BRIDGE].address);
        return;
      case 'batch':
        return this.batch(op, i);
      case 'force': {
        const [read, count] = [await this.inbox.totalDelayedRead(), await this.delayed.messageCount()];
        const target = { next: read + 1, all: count, 'already-read': read, beyond: count + 1 }[op.count];
        await this.inbox.forceInclusion({ from: PEOPLE[op.from].address }, target);
        return;
      }
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  private async batch(op: Extract<Op, { kind: 'batch' }>, i: number): Promise<void> {
    const [read, count, batches] = [await this.inbox.totalDelayedRead(), await this.delayed.messageCount(), await this.inbox.batchCount()];
    const next = this.l1.head().number + 1;
    const header: BatchHeader = {
      sequenceNumber: Math.max(0, batches + this.unmined + op.sequence),
      afterDelayedRead: { keep: read, all: count, 'one-back': Math.max(0, read - 1), 'one-beyond': count + 1 }[op.delayedRead],
      notBeforeBlock: op.notBefore === null ? 0 : Math.max(1, next + op.notBefore),
      deadlineBlock: op.deadline === null ? 0 : Math.max(1, next + op.deadline),
      dataHash: op.carrier === 'hash-only' ? keccakText(`withheld batch of op ${i}`) : ZERO_HASH,
    };
    const from = op.bySequencer ? sequencer.address : alice.address;
    this.unmined++;
    if (op.carrier === 'blobs') {
      const blobs = Array.from({ length: op.blobs }, (_, b) => Uint8Array.from([i, b, ...new Array<number>(b * 40).fill(7)]));
      const hashes = blobs.map((blob) => this.l1.versionedHash(blob));
      hashes.forEach((h, b) => this.names.set(h, `blob ${b} of op ${i}`));
      this.names.set(keccakHex(...hashes), `blobs of op ${i}`);
      await this.inbox.addSequencerBatch({ from, blobs }, header, null);
    } else if (op.carrier === 'hash-only') {
      await this.inbox.addSequencerBatch({ from }, header, null);
    } else {
      const data = op.carrier === 'empty-calldata' ? new Uint8Array(0) : Uint8Array.from([i, 0, 1, 0, 255]);
      await this.inbox.addSequencerBatch({ from, data }, header, data);
    }
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    this.unmined = 0;
    const count = await this.inbox.batchCount();
    const messages = await this.delayed.messageCount();
    const head = this.l1.head().number;
    const entries = [];
    // One index past the end: the view's answer for an entry that does not exist compares too.
    for (let b = 0; b <= count; b++) entries.push(await this.inbox.batch(b));
    const queued = [];
    for (let m = 0; m <= messages; m++) queued.push(await this.delayed.message(m));
    const delays = [];
    for (const back of [0, 7, 40]) delays.push(await viewOrRevert(() => this.inbox.forceInclusionDelay(Math.max(0, head - back))));
    this.observed.push({
      block: block.number,
      txs: normalize(blockOutcome(block, this.names), this.names),
      batches: normalize(entries, this.names),
      delayedRead: await this.inbox.totalDelayedRead(),
      messages: normalize(queued, this.names),
      forceInclusionEnabled: await this.inbox.forceInclusionEnabled(),
      delays,
    });
  }
}

const BUFFER = { maxBufferBlocks: 30, thresholdBlocks: 4, replenishRateBasisPoints: 500 };
const VARIANTS: ReadonlyArray<[string, Omit<RollupInboxParams, 'sequencer' | 'delayedInbox'>]> = [
  ['secure rules with the delay buffer', { forceInclusionDelayBlocks: 20, delayBuffer: BUFFER, forcedInclusion: true, requireBatchData: true }],
  ['secure rules, fixed delay', { forceInclusionDelayBlocks: 12, delayBuffer: null, forcedInclusion: true, requireBatchData: true }],
  ['no-forced-inclusion', { forceInclusionDelayBlocks: 12, delayBuffer: null, forcedInclusion: false, requireBatchData: true }],
  ['commit-without-data', { forceInclusionDelayBlocks: 20, delayBuffer: BUFFER, forcedInclusion: true, requireBatchData: false }],
];

/** Where each delivered entry's data went (kind/location): every combination a caller can make must be reached. */
const locations = new Set<string>();
const coverage = new DifferentialCoverage(
  (reason) => reason.replace(/\d+/g, 'N'),
  (e) => {
    if (e.name === 'SequencerBatchDelivered') locations.add(`${e.args!.kind as string}/${e.args!.dataLocation as string}`);
  },
);

/** Each run costs some hundred anvil calls: a bounded number of sequences per variant keeps the file within a minute on a busy machine. */
const RUNS_PER_VARIANT = 8;

describe('SequencerInbox + DelayedInbox differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, rules], i) => [name, rules, i] as const))('%s: every call sequence gives the same receipts, events, reverts, entries and delays', async (_name, rules, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: [alice, bob, carol, sequencer, deployer].map((who) => who.address),
      fundWei: eth(1_000),
      play: async (l1, ops) => (await InboxDriver.on(l1, rules)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_VARIANT,
      seed: 80 + i,
    });
  }, 240_000);

  it('the sequences above reached every event, every kind of entry and every revert a caller can cause', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.length * RUNS_PER_VARIANT);
    expect([...coverage.events].sort()).toEqual(['MessageDelivered', 'SequencerBatchData', 'SequencerBatchDelivered']);
    expect([...locations].sort()).toEqual(['forced/none', 'sequencer/blobs', 'sequencer/calldata', 'sequencer/none']);
    // Every require of both contracts a caller can reach, numbers aside ("negative amount" cannot be encoded as a uint256).
    expect([...coverage.reasons].sort()).toEqual([
      'already initialized',
      'bad sequence number N, expected N',
      'batch data required: post it as calldata or blobs',
      'batch lands at N, before its bound N',
      'batch lands at N, past its deadline N',
      'batch reads N delayed messages, N are already sequenced',
      'batch reads N delayed messages, only N exist',
      'delayed message N from block N can be forced after block N',
      'delayed messages up to N are already sequenced',
      'force inclusion is not supported by this inbox',
      'only N delayed messages exist',
      'only the bridge enqueues deposits',
      'only the deployer can initialize',
      'only the sequencer posts batches',
      'unknown forced action deposit',
    ]);
  });
});
