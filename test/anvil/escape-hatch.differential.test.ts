import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, DifferentialCoverage, sharedAnvil } from './differential.ts';
import { DEADLINE_BLOCKS, opArbitrary, PEOPLE, SOUND, UNSOUND, ZkDriver, type Op, type Variant } from './zk-rollup-driver.ts';

/**
 * EscapeHatchBridge.sol against its TS twin under fast-check call sequences: deposits
 * before and after a freeze, withdrawals against verified roots (forged ones too),
 * escapes with honest, inflated and misplaced account proofs, repeated escapes, deposit
 * reclaims of credited and uncredited deposits — with the hatch, without it
 * (`no-escape-hatch`), and over an unsound verifier whose roots promise more than the
 * bridge holds — same receipts, events, reverts, views and payouts on both backends.
 */
const VARIANTS: ReadonlyArray<[string, Variant]> = [
  ['escape hatch', { verifier: SOUND, prover: SOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: true }],
  ['no-escape-hatch twin', { verifier: SOUND, prover: SOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: false }],
  ['escape hatch over the unsound-verifier twin', { verifier: UNSOUND, prover: UNSOUND, freezeDeadlineBlocks: DEADLINE_BLOCKS, escapeHatch: true }],
];

/** A forced request and the deadline passing early, so most of each sequence runs against a frozen rollup. */
const sequenceArb: fc.Arbitrary<Op[]> = fc
  .array(opArbitrary({ prove: 3, freeze: 2, escape: 4, finalize: 3 }), { minLength: 1, maxLength: 16, size: 'max' })
  .map((ops): Op[] => {
    const opening: Op[] = [
      { kind: 'deposit', from: 'alice', to: 'alice', amount: 5 },
      { kind: 'deposit', from: 'bob', to: 'bob', amount: 3 },
      { kind: 'batch', readDelayed: true },
      { kind: 'prove', txs: [{ kind: 'withdraw', from: 'alice', to: 'alice', amount: 1, nonceOffset: 0 }], bend: 'as-is' },
      { kind: 'finalize', from: 'bob', pick: 0, bend: 'as-is' },
      { kind: 'finalize', from: 'carol', pick: 0, bend: 'as-is' },
    ];
    // An uncredited deposit and a forced request the prover never serves, then the deadline passes.
    const freezing: Op[] = [
      { kind: 'deposit', from: 'carol', to: 'carol', amount: 2 },
      { kind: 'force', from: 'bob', action: 'withdraw', to: 'bob', amount: 1, all: true },
      { kind: 'advance', blocks: DEADLINE_BLOCKS + 1 },
      { kind: 'freeze', from: 'carol', index: -1 },
      { kind: 'reclaim', from: 'carol', index: -2 },
      { kind: 'escape', who: 'alice', bend: 'as-is' },
      { kind: 'escape', who: 'alice', bend: 'as-is' },
    ];
    const split = Math.floor(ops.length / 2);
    return [...opening, ...ops.slice(0, split), ...freezing, ...ops.slice(split)];
  });

const coverage = new DifferentialCoverage();
const RUNS_PER_VARIANT = 4;

describe('EscapeHatchBridge differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, variant], i) => [name, variant, i] as const))('%s: every call sequence gives the same receipts, events, reverts, views and payouts', async (_name, variant, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: Object.values(PEOPLE).map((p) => p.address),
      fundWei: eth(100),
      play: async (l1, ops) => (await ZkDriver.on(l1, variant)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_VARIANT,
      seed: 90 + i,
    });
  });

  it('the sequences above escaped, reclaimed and paid withdrawals, and hit the hatch’s reverts', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.length * RUNS_PER_VARIANT);
    for (const name of ['Escaped', 'DepositReclaimed', 'WithdrawalFinalized', 'Frozen']) expect(coverage.events).toContain(name);
    for (const reason of ['this rollup has no escape hatch', 'the rollup is frozen: deposits are closed', 'withdrawal 0 was already paid']) expect(coverage.reasons).toContain(reason);
    expect([...coverage.reasons].some((r) => r.endsWith('has already escaped'))).toBe(true);
  });
});

