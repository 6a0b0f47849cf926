import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { verifyMerkleProof } from '../../../../src/crypto/merkle.ts';
import {
  ACCOUNT_TREE_DEPTH,
  accountLeaf,
  applyTransaction,
  EMPTY_ACCOUNT,
  L2State,
  stateRootOf,
  touchedBy,
  withdrawalLeaf,
  WITHDRAWAL_TREE_DEPTH,
} from '../../../../src/protocols/rollup/state.ts';
import { eth } from '../../../../src/l1/units.ts';

const alice = account('alice').address;
const bob = account('bob').address;

function funded(): L2State {
  const s = new L2State();
  s.apply({ kind: 'deposit', to: alice, amountWei: eth(10) });
  return s;
}

describe('applyTransaction', () => {
  it('is pure: it reads leaves through its argument and returns the writes without applying them', () => {
    const pre = (a: string) => (a === alice ? { balanceWei: eth(5), nonce: 2 } : EMPTY_ACCOUNT);
    const effect = applyTransaction(pre, { kind: 'transfer', from: alice, to: bob, amountWei: eth(2), nonce: 2 });
    expect(effect).toEqual({
      status: 'ok',
      writes: [
        [alice, { balanceWei: eth(3), nonce: 3 }],
        [bob, { balanceWei: eth(2), nonce: 0 }],
      ],
    });
    expect(touchedBy({ kind: 'transfer', from: alice, to: bob, amountWei: 1n })).toEqual([alice, bob]);
  });

  it('rejects an overdraft and a wrong nonce, and a failed message writes nothing', () => {
    const pre = () => ({ balanceWei: eth(1), nonce: 0 });
    expect(applyTransaction(pre, { kind: 'transfer', from: alice, to: bob, amountWei: eth(2), nonce: 0 })).toMatchObject({ status: 'failed', reason: /insufficient/ });
    expect(applyTransaction(pre, { kind: 'transfer', from: alice, to: bob, amountWei: 1n, nonce: 1 })).toMatchObject({ status: 'failed', reason: /nonce/ });
    const s = funded();
    const before = s.stateRoot();
    expect(s.apply({ kind: 'transfer', from: alice, to: bob, amountWei: eth(11), nonce: 0 }).status).toBe('failed');
    expect(s.stateRoot()).toBe(before);
  });

  it('lets a forced (L1-authenticated) message spend without a nonce and leaves the nonce alone', () => {
    const s = funded();
    s.apply({ kind: 'transfer', from: alice, to: bob, amountWei: eth(4) });
    expect(s.account(alice)).toEqual({ balanceWei: eth(6), nonce: 0 });
    expect(s.account(bob).balanceWei).toBe(eth(4));
  });

  it('burns a withdrawal from L2 supply and appends it to the withdrawal tree', () => {
    const s = funded();
    s.apply({ kind: 'withdraw', from: alice, to: alice, amountWei: eth(3), nonce: 0 });
    expect(s.supplyWei).toBe(eth(7));
    expect(s.withdrawals).toEqual([{ index: 0, from: alice, to: alice, amountWei: eth(3) }]);
    s.apply({ kind: 'withdraw', from: alice, to: bob, amountWei: 0n, all: true });
    expect(s.withdrawals[1]!.amountWei).toBe(eth(7));
    expect(s.account(alice).balanceWei).toBe(0n);
    expect(s.apply({ kind: 'withdraw', from: alice, to: alice, amountWei: 0n, all: true })).toMatchObject({ status: 'failed' });
  });
});

describe('L2State roots and proofs', () => {
  it('commits accounts and withdrawals so that an L1 verifier can check a withdrawal against the state root', () => {
    const s = funded();
    s.apply({ kind: 'transfer', from: alice, to: bob, amountWei: eth(1), nonce: 0 });
    s.apply({ kind: 'withdraw', from: bob, to: bob, amountWei: eth(1), nonce: 0 });
    const roots = s.roots();
    expect(stateRootOf(roots)).toBe(s.stateRoot());
    const w = s.withdrawals[0]!;
    expect(verifyMerkleProof(roots.withdrawalsRoot, withdrawalLeaf(w), 0, s.withdrawalProof(0), WITHDRAWAL_TREE_DEPTH)).toBe(true);
    const proof = s.accountProof(alice)!;
    expect(verifyMerkleProof(roots.accountsRoot, accountLeaf(alice, s.account(alice)), proof.index, proof.siblings, ACCOUNT_TREE_DEPTH)).toBe(true);
  });

  it('keeps a withdrawal provable against the older root after more withdrawals', () => {
    const s = funded();
    s.apply({ kind: 'withdraw', from: alice, to: alice, amountWei: eth(1), nonce: 0 });
    const oldRoot = s.roots().withdrawalsRoot;
    s.apply({ kind: 'withdraw', from: alice, to: alice, amountWei: eth(1), nonce: 1 });
    expect(s.withdrawalsRootAt(1)).toBe(oldRoot);
    expect(verifyMerkleProof(oldRoot, withdrawalLeaf(s.withdrawals[0]!), 0, s.withdrawalProof(0, 1), WITHDRAWAL_TREE_DEPTH)).toBe(true);
  });

  it('rolls a journaled state back to a mark: balances, supply, accounts and roots', () => {
    const s = L2State.journaled();
    s.apply({ kind: 'deposit', to: alice, amountWei: eth(10) });
    const root = s.stateRoot();
    const mark = s.mark();
    s.apply({ kind: 'transfer', from: alice, to: bob, amountWei: eth(2), nonce: 0 });
    s.apply({ kind: 'withdraw', from: bob, to: bob, amountWei: eth(1), nonce: 0 });
    s.stateRoot();
    s.rollbackTo(mark);
    expect(s.stateRoot()).toBe(root);
    expect(s.accountCount).toBe(1);
    expect(s.supplyWei).toBe(eth(10));
    expect(s.withdrawals).toEqual([]);
    expect(s.account(bob)).toEqual(EMPTY_ACCOUNT);
  });

  it('clones without sharing: the copy moves on, the original does not', () => {
    const s = funded();
    const root = s.stateRoot();
    const copy = s.clone();
    copy.apply({ kind: 'transfer', from: alice, to: bob, amountWei: eth(1), nonce: 0 });
    expect(s.stateRoot()).toBe(root);
    expect(copy.stateRoot()).not.toBe(root);
  });
});
