import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Address } from '../../../../src/crypto/accounts.ts';
import { midpoint, paddedSteps } from '../../../../src/l1/contracts/dispute-game.ts';
import { executeStep } from '../../../../src/l1/contracts/one-step-proof.ts';
import type { DelayedMessage } from '../../../../src/l1/contracts/delayed-inbox.ts';
import type { Derivation } from '../../../../src/protocols/rollup/derivation.ts';
import { SegmentTrace } from '../../../../src/protocols/optimistic/trace.ts';

const people = ['alice', 'bob', 'carol', 'dave'].map((n) => account(n).address.toLowerCase() as Address);
const mallory = account('mallory').address.toLowerCase() as Address;

type Move = { kind: 'deposit' | 'transfer' | 'withdraw'; from: number; to: number; amount: number };

/** A derivation stand-in: one inbox entry carrying `moves` as delayed messages (deposits, L1-forced transfers and withdrawals). */
function derivationOf(moves: readonly Move[]): Derivation {
  const delayed: DelayedMessage[] = moves.map((m, index) => ({
    index,
    kind: m.kind === 'deposit' ? 'deposit' : 'transaction',
    sender: people[m.from]!,
    to: people[m.to]!,
    amountWei: BigInt(m.amount) * 10n ** 17n,
    action: m.kind === 'deposit' ? 'deposit' : m.kind === 'withdraw' ? 'withdraw' : 'transfer',
    all: false,
    block: 1,
    timestamp: 12,
  })) as DelayedMessage[];
  return {
    sync: () => {},
    derivedBatchCount: 1,
    delayed,
    rules: { chainId: 1 },
    appliedIn: (from: number, to: number) => (from === 0 && to === 1 ? delayed.map((m) => ({ batch: 0, kind: 'delayed' as const, index: m.index })) : []),
  } as unknown as Derivation;
}

const moves = fc.array(
  fc.record({ kind: fc.constantFrom('deposit', 'deposit', 'transfer', 'withdraw'), from: fc.nat({ max: 3 }), to: fc.nat({ max: 3 }), amount: fc.integer({ min: 1, max: 30 }) }) as fc.Arbitrary<Move>,
  { minLength: 1, maxLength: 40 },
);

/**
 * The dispute game's rules as the contract plays them (StateCommitments: answer, bisect,
 * respond, oneStep), with both sides playing from their own traces: returns who wins and
 * how many bisection rounds it took.
 */
function dispute(proposer: SegmentTrace, challenger: SegmentTrace): { winner: 'proposer' | 'challenger'; rounds: number } {
  let lo = 0;
  let hi = paddedSteps(proposer.stepCount);
  let loRoot = proposer.rootAt(0);
  let hiRoot = proposer.finalRoot;
  let rounds = 0;
  while (hi - lo > 1) {
    const mid = midpoint({ lo, hi });
    const midRoot = proposer.rootAt(mid);
    if (challenger.rootAt(mid) === midRoot) [lo, loRoot] = [mid, midRoot];
    else [hi, hiRoot] = [mid, midRoot];
    rounds++;
  }
  if (lo >= proposer.stepCount) return { winner: loRoot === hiRoot ? 'proposer' : 'challenger', rounds };
  const result = executeStep(loRoot, proposer.messagesRoot, lo, challenger.witness(lo));
  if (!result.ok) return { winner: 'proposer', rounds };
  return { winner: result.postRoot === hiRoot ? 'proposer' : 'challenger', rounds };
}

describe('bisection fraud proofs', () => {
  it('rebuilds the per-transaction roots so the last one is what the state machine reaches', () => {
    fc.assert(
      fc.property(moves, (ms) => {
        const trace = SegmentTrace.honest(derivationOf(ms), 0, 1)!;
        expect(trace.stepCount).toBe(ms.length);
        for (let i = 0; i < trace.stepCount; i++) {
          const step = executeStep(trace.rootAt(i), trace.messagesRoot, i, trace.witness(i));
          expect(step).toEqual({ ok: true, postRoot: trace.rootAt(i + 1) });
        }
      }),
      { numRuns: 15 },
    );
  });

  it('never lets a challenger win against an honest root, whatever intermediate roots it claims (no false fraud proofs)', () => {
    fc.assert(
      fc.property(moves, fc.nat(), (ms, at) => {
        const d = derivationOf(ms);
        const honest = SegmentTrace.honest(d, 0, 1)!;
        const liar = SegmentTrace.lying(d, 0, 1, { step: at % ms.length, beneficiary: mallory, amountWei: 10n ** 18n })!;
        expect(dispute(honest, liar).winner).toBe('proposer');
        expect(dispute(honest, honest).winner).toBe('proposer');
      }),
      { numRuns: 25 },
    );
  });

  it('catches an invalid root at any transaction index, in exactly ⌈log2 n⌉ rounds', () => {
    fc.assert(
      fc.property(moves, fc.nat(), (ms, at) => {
        const d = derivationOf(ms);
        const honest = SegmentTrace.honest(d, 0, 1)!;
        const step = at % ms.length;
        const liar = SegmentTrace.lying(d, 0, 1, { step, beneficiary: mallory, amountWei: 10n ** 18n })!;
        const { winner, rounds } = dispute(liar, honest);
        expect(winner).toBe('challenger');
        expect(rounds).toBe(Math.ceil(Math.log2(ms.length)));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a one-step witness for a message that is not the disputed step', () => {
    const trace = SegmentTrace.honest(derivationOf([{ kind: 'deposit', from: 0, to: 1, amount: 5 }, { kind: 'transfer', from: 1, to: 2, amount: 2 }]), 0, 1)!;
    const result = executeStep(trace.rootAt(0), trace.messagesRoot, 0, trace.witness(1));
    expect(result.ok).toBe(false);
  });

  it('refuses a witness that misstates a touched balance', () => {
    const trace = SegmentTrace.honest(derivationOf([{ kind: 'deposit', from: 0, to: 1, amount: 5 }, { kind: 'transfer', from: 1, to: 2, amount: 2 }]), 0, 1)!;
    const w = trace.witness(1);
    const forged = { ...w, accounts: w.accounts.map((a, i) => (i === 0 ? { ...a, balanceWei: a.balanceWei * 10n } : a)) };
    expect(executeStep(trace.rootAt(1), trace.messagesRoot, 1, forged)).toMatchObject({ ok: false, reason: expect.stringMatching(/is not at index/) });
  });
});
