import { describe, expect, it } from 'vitest';
import type { Address } from '../../../../src/crypto/accounts.ts';
import type { Hex } from '../../../../src/crypto/keccak.ts';
import type { StateCommitment, StateCommitmentsFacade } from '../../../../src/l1/contracts/state-commitments.ts';
import type { Deployed, L1, L1Observer } from '../../../../src/l1/L1.ts';
import { rememberingCommitments } from '../../../../src/protocols/rollup/commitment-memo.ts';

const WINDOW = 10;

/** A contract whose answers the test sets, counting the reads that reach it. */
function contract() {
  const reads: string[] = [];
  const state = { head: 100, final: new Map<number, number>(), games: 0, records: new Map<number, StateCommitment>() };
  const facade = {
    address: '0x00000000000000000000000000000000000000c0' as Address,
    commitment: async (i: number) => (reads.push(`commitment ${i}`), state.records.get(i)),
    isFinalAt: async (i: number, h: number) => (reads.push(`isFinalAt ${i} ${h}`), state.final.has(i) && state.final.get(i)! <= h),
    isRejectedAt: async (i: number, h: number) => (reads.push(`isRejectedAt ${i} ${h}`), false),
    gameCount: async () => state.games,
    count: async () => state.records.size,
    latestFinalAt: async (h: number) => {
      reads.push(`latestFinalAt ${h}`);
      return Math.max(0, ...[...state.final].filter(([, at]) => at <= h).map(([i]) => i));
    },
  } as unknown as Deployed<StateCommitmentsFacade>;
  const observers: L1Observer[] = [];
  const l1 = { head: () => ({ number: state.head, timestamp: 0 }), observe: (o: L1Observer) => observers.push(o) } as unknown as L1;
  const propose = (index: number, postedBlock: number) =>
    state.records.set(index, { index, stateRoot: `0x${String(index).padStart(64, '0')}` as Hex, batchCount: index, proposer: facade.address, postedBlock, parentIndex: index - 1 });
  propose(0, 0);
  return { reads, state, observers, propose, memo: rememberingCommitments(l1, facade, WINDOW) };
}

describe('rememberingCommitments', () => {
  it('reads a proposed commitment once, and a missing one every time', async () => {
    const { reads, propose, memo } = contract();
    propose(1, 50);
    await memo.commitment(1);
    await memo.commitment(1);
    await memo.commitment(2);
    await memo.commitment(2);
    expect(reads).toEqual(['commitment 1', 'commitment 2', 'commitment 2']);
  });

  it('answers "not final" without a read while the root’s own window is open', async () => {
    const { reads, propose, memo } = contract();
    propose(1, 95);
    expect(await memo.isFinalAt(1, 101)).toBe(false);
    expect(reads).toEqual(['commitment 1']);
  });

  it('remembers finality from the height it was seen at onward, never for an earlier height', async () => {
    const { reads, state, propose, memo } = contract();
    propose(1, 50);
    state.final.set(1, 70);
    expect(await memo.isFinalAt(1, 80)).toBe(true);
    expect(await memo.isFinalAt(1, 90)).toBe(true);
    expect(await memo.isFinalAt(1, 75)).toBe(true);
    expect(reads.filter((r) => r.startsWith('isFinalAt'))).toEqual(['isFinalAt 1 80', 'isFinalAt 1 75']);
  });

  it('does not remember an answer about a height past the next block: a move could still change it', async () => {
    const { reads, state, propose, memo } = contract();
    propose(1, 50);
    state.final.set(1, 70);
    await memo.isFinalAt(1, 500);
    await memo.isFinalAt(1, 500);
    expect(reads.filter((r) => r.startsWith('isFinalAt'))).toEqual(['isFinalAt 1 500', 'isFinalAt 1 500']);
  });

  it('forgets everything on a reorg', async () => {
    const { reads, state, observers, propose, memo } = contract();
    propose(1, 50);
    state.final.set(1, 70);
    await memo.isFinalAt(1, 80);
    for (const o of observers) o.reorged?.(3, []);
    state.final.delete(1);
    expect(await memo.isFinalAt(1, 80)).toBe(false);
    expect(reads.filter((r) => r.startsWith('commitment'))).toEqual(['commitment 1', 'commitment 1']);
  });

  it('knows no root is rejected while no dispute game exists, and asks once one does', async () => {
    const { reads, state, propose, memo } = contract();
    propose(1, 50);
    expect(await memo.isRejectedAt(1, 80)).toBe(false);
    state.games = 1;
    expect(await memo.isRejectedAt(1, 80)).toBe(false);
    expect(reads).toEqual(['isRejectedAt 1 80']);
  });

  it('keeps the newest final root until a newer root’s window closes', async () => {
    const { reads, state, propose, memo } = contract();
    propose(1, 50);
    propose(2, 95);
    state.final.set(1, 60);
    expect(await memo.latestFinalAt(100)).toBe(1);
    expect(await memo.latestFinalAt(101)).toBe(1);
    state.final.set(2, 105);
    expect(await memo.latestFinalAt(105)).toBe(2);
    expect(reads.filter((r) => r.startsWith('latestFinalAt'))).toEqual(['latestFinalAt 100', 'latestFinalAt 105']);
  });
});
