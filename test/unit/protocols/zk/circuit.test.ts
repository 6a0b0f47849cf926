import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { eth } from '../../../../src/l1/units.ts';
import { L2State } from '../../../../src/protocols/rollup/state.ts';
import type { L2Message } from '../../../../src/protocols/rollup/transaction.ts';
import { ALL_CONSTRAINTS, transition } from '../../../../src/protocols/zk/circuit.ts';
import { WitnessedState } from '../../../../src/protocols/zk/witness.ts';

const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((n) => account(n).address) as [`0x${string}`, `0x${string}`, `0x${string}`];

const session: L2Message[] = [
  { kind: 'deposit', to: alice, amountWei: eth(5) },
  { kind: 'transfer', from: alice, to: bob, amountWei: eth(2), nonce: 0 },
  { kind: 'transfer', from: bob, to: carol, amountWei: eth(9), nonce: 0 },
  { kind: 'withdraw', from: bob, to: bob, amountWei: eth(1), nonce: 0 },
  { kind: 'transfer', from: carol, to: carol, amountWei: 0n, nonce: 0 },
];

describe('zk circuit', () => {
  it('proves, leaf by leaf, exactly the roots the rollup state machine computes', () => {
    const reference = new L2State();
    const prover = new WitnessedState(ALL_CONSTRAINTS);
    for (const m of session) {
      reference.apply(m);
      prover.prove({ kind: 'delayed', index: 0 }, m);
      expect(prover.stateRoot()).toBe(reference.stateRoot());
    }
  });

  it('fails an overdraft with every constraint, and mints the difference without the sender-balance constraint', () => {
    const pre = (a: string) => (a === bob ? { balanceWei: eth(1), nonce: 0 } : { balanceWei: 0n, nonce: 0 });
    const overdraft: L2Message = { kind: 'transfer', from: bob, to: carol, amountWei: eth(9), nonce: 0 };
    expect(transition(pre, overdraft, ALL_CONSTRAINTS).status).toBe('failed');
    const unsound = transition(pre, overdraft, { senderBalance: false });
    expect(unsound.status === 'ok' && unsound.writes.map(([, a]) => a.balanceWei)).toEqual([0n, eth(9)]);
  });
});
