import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../src/crypto/accounts.ts';
import { keccakText, ZERO_HASH, type Hex } from '../../src/crypto/keccak.ts';
import type { WithdrawalLeaf, WithdrawalProof } from '../../src/l1/contracts/rollup-state.ts';
import type { L1 } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { deployRollup, type ContractRules, type RollupContracts } from '../../src/protocols/rollup/contracts.ts';
import { L2State } from '../../src/protocols/rollup/state.ts';
import { assertSameOnBothBackends, balanceChanges, balancesOf, blockOutcome, DifferentialCoverage, normalize, SequenceDriver, sharedAnvil } from './differential.ts';

/**
 * RollupBridge.sol against its TS twin under fast-check call sequences, wired as the rollup
 * deploys it (delayed inbox, sequencer inbox, state commitments with the placeholder
 * window): deposits with and without value; proposals of a root holding all four
 * withdrawals, of an older root holding two, and of a bogus root; withdrawals finalized
 * against the genesis, the first, the latest or a missing commitment, before and after
 * the window, with the right proof, a proof for the other root or a tampered amount, once
 * or twice, and for more than the bridge holds. Secure rules and the `instant-withdrawal` twin.
 */
const [alice, bob, carol, sequencer, proposer] = ['alice', 'bob', 'carol', 'sequencer', 'proposer'].map(account) as [Account, Account, Account, Account, Account];
const PEOPLE = { alice, bob, carol } as const;
type Person = keyof typeof PEOPLE;

/** What an honest L2 would have burned: four withdrawals, the last one more than any sequence deposits. */
interface RootSet {
  readonly stateRoot: Hex;
  readonly leaves: readonly WithdrawalLeaf[];
  readonly proofs: readonly WithdrawalProof[];
}

function withdrawalRoots(): { full: RootSet; partial: RootSet } {
  const l2 = new L2State();
  l2.apply({ kind: 'deposit', to: alice.address, amountWei: eth(100) });
  l2.apply({ kind: 'deposit', to: bob.address, amountWei: eth(100) });
  const snapshot = (): RootSet => {
    const roots = l2.roots();
    const leaves = [...l2.withdrawals];
    return { stateRoot: l2.stateRoot(), leaves, proofs: leaves.map((w) => ({ accountsRoot: roots.accountsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount, siblings: l2.withdrawalProof(w.index) })) };
  };
  l2.apply({ kind: 'withdraw', from: alice.address, to: alice.address, amountWei: eth(1), nonce: 0 });
  l2.apply({ kind: 'withdraw', from: bob.address, to: carol.address, amountWei: eth(2), nonce: 0 });
  const partial = snapshot();
  l2.apply({ kind: 'withdraw', from: alice.address, to: bob.address, amountWei: eth(3), nonce: 1 });
  l2.apply({ kind: 'withdraw', from: bob.address, to: bob.address, amountWei: eth(60), nonce: 1 });
  return { full: snapshot(), partial };
}
const ROOTS = withdrawalRoots();
const BOGUS_ROOT = keccakText('a root no honest L2 computed');
/** Batches posted before each sequence, so proposals have something to cover. */
const BATCHES = 3;
const WINDOW = 8;

type Op =
  | { kind: 'deposit'; from: Person; to: Person; value: number }
  | { kind: 'propose'; root: 'full' | 'partial' | 'bogus' }
  | { kind: 'finalize'; from: Person; commitment: 'genesis' | 'first' | 'latest' | 'missing'; withdrawal: number; proof: 'full' | 'partial' | 'tampered' }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const person = fc.constantFrom<Person>('alice', 'bob', 'carol');
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deposit' as const), from: fc.constantFrom<Person>('alice', 'bob'), to: person, value: fc.constantFrom(0, 1, 2, 5, 10, 20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), root: fc.constantFrom('full' as const, 'full' as const, 'partial' as const, 'bogus' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('finalize' as const),
      from: person,
      commitment: fc.constantFrom('latest' as const, 'latest' as const, 'first' as const, 'genesis' as const, 'missing' as const),
      withdrawal: fc.nat({ max: 3 }),
      proof: fc.constantFrom('full' as const, 'full' as const, 'full' as const, 'partial' as const, 'tampered' as const),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 12 }) }) },
);
const sequenceArb: fc.Arbitrary<Op[]> = fc.array(anyOp, { minLength: 1, maxLength: 24, size: 'max' });

class BridgeDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;

  private constructor(
    l1: L1,
    private readonly c: RollupContracts,
    private readonly start: Map<string, bigint>,
  ) {
    super(l1);
    this.names = new Map([
      [c.bridge.address.toLowerCase(), 'bridge'],
      [c.delayedInbox.address.toLowerCase(), 'delayed-inbox'],
      [c.inbox.address.toLowerCase(), 'sequencer-inbox'],
      [c.commitments.address.toLowerCase(), 'state-commitments'],
    ]);
  }

  static async on(l1: L1, requireFinalRoot: boolean): Promise<BridgeDriver> {
    const rules: ContractRules = { sequencer: sequencer.address, forceInclusionDelayBlocks: 50, delayBuffer: null, forcedInclusion: true, requireBatchData: true, challengeWindowBlocks: WINDOW, requireFinalRoot };
    const { contracts } = await deployRollup(l1, rules);
    for (let n = 0; n < BATCHES; n++) {
      const data = Uint8Array.from([n]);
      await contracts.inbox.addSequencerBatch({ from: sequencer.address, data }, { sequenceNumber: n, afterDelayedRead: 0, notBeforeBlock: 0, deadlineBlock: 0, dataHash: ZERO_HASH }, data);
    }
    await l1.mine();
    const people = [alice.address, bob.address, carol.address, contracts.bridge.address];
    return new BridgeDriver(l1, contracts, await balancesOf(l1, people));
  }

  protected async apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'deposit':
        await this.c.bridge.deposit({ from: PEOPLE[op.from].address, value: eth(op.value) }, PEOPLE[op.to].address);
        return;
      case 'propose': {
        const parent = await this.c.commitments.latest();
        const covered = (await this.c.commitments.commitment(parent))!.batchCount;
        const root = op.root === 'bogus' ? BOGUS_ROOT : ROOTS[op.root].stateRoot;
        await this.c.commitments.propose({ from: proposer.address, value: await this.c.commitments.bondWei() }, root, covered + 1, parent);
        return;
      }
      case 'finalize': {
        const count = await this.c.commitments.count();
        const index = { genesis: 0, first: 1, latest: count - 1, missing: count }[op.commitment];
        const set = op.proof === 'partial' ? ROOTS.partial : ROOTS.full;
        const k = Math.min(op.withdrawal, set.leaves.length - 1);
        const leaf = op.proof === 'tampered' ? { ...set.leaves[k]!, amountWei: set.leaves[k]!.amountWei + 1n } : set.leaves[k]!;
        await this.c.bridge.finalizeWithdrawal({ from: PEOPLE[op.from].address }, index, leaf, set.proofs[k]!);
        return;
      }
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    const paid = [];
    for (let w = 0; w < ROOTS.full.leaves.length; w++) paid.push(await this.c.bridge.isPaid(w));
    this.observed.push({
      block: block.number,
      txs: (normalize(blockOutcome(block, this.names), this.names) as Array<{ reason?: string }>).map((t) => ({ ...t, reason: t.reason?.replace(/0x[0-9a-f]{40}/g, (a) => this.names.get(a) ?? a) })),
      escrowed: await this.c.bridge.escrowedWei(),
      paidWei: await this.c.bridge.paidWei(),
      paid,
      held: await this.l1.balanceOf(this.c.bridge.address),
      balances: await balanceChanges(this.l1, [alice.address, bob.address, carol.address], this.start),
    });
  }
}

const VARIANTS: ReadonlyArray<[string, boolean]> = [
  ['secure rules (final roots only)', true],
  ['instant-withdrawal (any posted root)', false],
];

const coverage = new DifferentialCoverage((reason) => reason.replace(/0x[0-9a-f]{40}|\d+/g, 'N'));

const RUNS_PER_VARIANT = 8;

describe('RollupBridge differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, requireFinalRoot], i) => [name, requireFinalRoot, i] as const))('%s: every call sequence gives the same receipts, events, reverts, escrow and payouts', async (_name, requireFinalRoot, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: [alice, bob, carol, sequencer, proposer].map((who) => who.address),
      fundWei: eth(1_000),
      play: async (l1, ops) => (await BridgeDriver.on(l1, requireFinalRoot)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_VARIANT,
      seed: 90 + i,
    });
  }, 240_000);

  it('the sequences above reached every bridge event and every revert a caller can cause', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.length * RUNS_PER_VARIANT);
    expect([...coverage.events].sort()).toEqual(['MessageDelivered', 'StateCommitted', 'WithdrawalFinalized']);
    // The bridge's every require, and the proposal rule that two proposals in one block run into.
    expect([...coverage.reasons].sort()).toEqual([
      'commitment N is not final yet',
      'commitment N is not the latest live one (N)',
      'deposit needs value',
      'insufficient balance: bridge holds N wei, needs N',
      'no commitment N',
      'withdrawal N is not in commitment N',
      'withdrawal N was already paid',
    ]);
  });
});
