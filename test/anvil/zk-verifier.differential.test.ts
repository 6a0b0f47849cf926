import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, DifferentialCoverage, sharedAnvil } from './differential.ts';
import { DEADLINE_BLOCKS, opArbitrary, PEOPLE, SOUND, UNSOUND, ZkDriver, type Op, type ProofBend, type Variant } from './zk-rollup-driver.ts';

/**
 * ZkVerifier.sol against its TS twin under fast-check call sequences: validity proofs
 * honest and bent (wrong root, parent, sender, batch count; a forged signature, an
 * inflated leaf, a skipped delayed message, an occupied withdrawal slot; none at all),
 * proofs by a prover whose circuit lacks the sender-balance constraint, forced requests
 * and freezes around the deadline — same receipts, events, reverts and views on both.
 */
const VARIANTS: ReadonlyArray<[string, Variant]> = [
  ['sound verifier, honest prover', { verifier: SOUND, prover: SOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: true }],
  ['sound verifier, prover without the balance constraint', { verifier: SOUND, prover: UNSOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: true }],
  ['unsound-verifier twin, prover without the balance constraint', { verifier: UNSOUND, prover: UNSOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: true }],
  ['no freeze deadline', { verifier: SOUND, prover: SOUND, freezeDeadlineBlocks: null, escapeHatch: true }],
];

const BENDS: readonly ProofBend[] = ['no-proof', 'not-prover', 'bad-signature', 'inflated-leaf', 'withdrawal-slot', 'skip-delayed', 'truncated', 'wrong-root', 'wrong-parent', 'stale-count', 'unposted'];

const sequenceArb: fc.Arbitrary<Op[]> = fc
  .array(opArbitrary({ prove: 6, freeze: 1, escape: 1, finalize: 2 }), { minLength: 1, maxLength: 16, size: 'max' })
  .map((ops): Op[] => [
    { kind: 'deposit', from: 'alice', to: 'alice', amount: 5 },
    { kind: 'batch', readDelayed: true },
    ...ops,
    // Every way to bend a proof, each against the state the random calls left.
    { kind: 'deposit', from: 'bob', to: 'carol', amount: 2 },
    { kind: 'batch', readDelayed: true },
    ...BENDS.map((bend): Op => ({ kind: 'prove', txs: [{ kind: 'withdraw', from: 'alice', to: 'bob', amount: 1, nonceOffset: 0 }], bend })),
    // A forced request the prover never serves: past the deadline anyone freezes (where the variant has one).
    { kind: 'force', from: 'carol', action: 'withdraw', to: 'carol', amount: 1, all: true },
    { kind: 'freeze', from: 'bob', index: -1 },
    { kind: 'advance', blocks: DEADLINE_BLOCKS },
    { kind: 'freeze', from: 'carol', index: -1 },
    { kind: 'freeze', from: 'alice', index: -1 },
    { kind: 'prove', txs: [], bend: 'as-is' },
  ]);

const coverage = new DifferentialCoverage();
const RUNS_PER_VARIANT = 4;

describe('ZkVerifier differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, variant], i) => [name, variant, i] as const))('%s: every call sequence gives the same receipts, events, reverts and views', async (_name, variant, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: Object.values(PEOPLE).map((p) => p.address),
      fundWei: eth(100),
      play: async (l1, ops) => (await ZkDriver.on(l1, variant)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_VARIANT,
      seed: 80 + i,
    });
  });

  it('the sequences above verified and froze, and reached the verifier’s own reverts', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.length * RUNS_PER_VARIANT);
    expect(coverage.events).toContain('BatchVerified');
    expect(coverage.events).toContain('Frozen');
    for (const reason of ['only the prover submits validity proofs', 'a state root needs a validity proof', 'already frozen', 'the rollup is frozen']) expect(coverage.reasons).toContain(reason);
    const patterns = [
      /^step \d+: bad signature$/,
      /^step \d+: witness for 0x[0-9a-f]{40} does not match the verified root$/,
      /^re-execution gives root 0x[0-9a-f]{8}, the proof claims 0x[0-9a-f]{8}$/,
      /^proof consumes \d+ delayed messages, the inbox says \d+$/,
      /^step \d+: delayed message \d+ out of order \(next is \d+\)$/,
      /^commitment \d+ is not the latest \(\d+\)$/,
      /^proof must cover more than \d+ batches$/,
      /^inbox entry \d+ is not posted$/,
      /^delayed message \d+ is within its deadline until block \d+$/,
      /^this rollup enforces no deadline on forced requests: it cannot be frozen$/,
    ];
    for (const pattern of patterns) expect([...coverage.reasons].some((r) => pattern.test(r)), String(pattern)).toBe(true);
  });
});

