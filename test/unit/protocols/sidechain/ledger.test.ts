import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { sign } from '../../../../src/crypto/signatures.ts';
import { SidechainLedger, type SidechainTx } from '../../../../src/protocols/sidechain/ledger.ts';
import { eth } from '../../../../src/l1/units.ts';
import { sidechainWorld } from './sidechain-world.ts';

const members = ['federation-1', 'federation-2', 'federation-3'].map(account);

function block(ledger: SidechainLedger, txs: SidechainTx[], signers = members.slice(0, 2)) {
  const unsigned = { number: ledger.blocks.length, parent: ledger.headHash, l1Height: 1, txs };
  const hash = SidechainLedger.hashOf(unsigned);
  return { ...unsigned, hash, signatures: signers.map((m) => ({ signer: m.address, signature: sign('ideal', m, hash) })) };
}

describe('SidechainLedger', () => {
  const credit: SidechainTx = { kind: 'peg-in', pegInId: 0, user: 'alice', amountWei: eth(5) };

  it('accepts a block signed by k of n members and applies it', () => {
    const ledger = new SidechainLedger(members.map((m) => m.address), 2);
    ledger.append(block(ledger, [credit, { kind: 'transfer', from: 'alice', to: 'bob', amountWei: eth(2) }, { kind: 'peg-out', user: 'bob', amountWei: eth(1) }]));
    expect([ledger.balance('alice'), ledger.balance('bob'), ledger.supply()]).toEqual([eth(3), eth(1), eth(4)]);
    expect(ledger.burned).toEqual([{ id: 0, user: 'bob', recipient: account('bob').address, amountWei: eth(1), burnedAtL1: 1 }]);
  });

  it('refuses a block with fewer than k member signatures, or with signatures of outsiders', () => {
    const ledger = new SidechainLedger(members.map((m) => m.address), 2);
    expect(() => ledger.append(block(ledger, [credit], members.slice(0, 1)))).toThrow('has 1 of the 2 member signatures it needs');
    expect(() => ledger.append(block(ledger, [credit], [members[0]!, account('mallory')]))).toThrow('has 1 of the 2');
    expect(ledger.blocks).toHaveLength(0);
  });

  it('refuses a block whose contents differ from what was signed', () => {
    const ledger = new SidechainLedger(members.map((m) => m.address), 2);
    const signed = block(ledger, [credit]);
    expect(() => ledger.append({ ...signed, txs: [{ ...credit, amountWei: eth(500) }] })).toThrow('wrong hash');
  });

  it('keeps only transactions that apply in order: no overdraft, no second credit of one peg-in', () => {
    const ledger = new SidechainLedger(members.map((m) => m.address), 2);
    const candidates: SidechainTx[] = [credit, credit, { kind: 'transfer', from: 'alice', to: 'bob', amountWei: eth(6) }, { kind: 'peg-out', user: 'alice', amountWei: eth(5) }];
    expect(ledger.admissible(candidates)).toEqual([credit, candidates[3]]);
  });
});

describe('sidechain conservation', () => {
  it('fires when the sidechain credits value the L1 bridge never received', async () => {
    const { world, session } = await sidechainWorld();
    const minted = { kind: 'peg-in' as const, pegInId: 99, user: 'alice', amountWei: eth(1) };
    const unsigned = { number: 0, parent: session.ledger.headHash, l1Height: world.height, txs: [minted] };
    const hash = SidechainLedger.hashOf(unsigned);
    const signatures = session.federation.members.map((m) => ({ signer: m.account.address, signature: sign('ideal', m.account, hash) }));
    session.ledger.append({ ...unsigned, hash, signatures });
    await world.step('action', 'federation-1', 'credits a peg-in that never happened');
    expect(world.violations[0]).toMatchObject({ invariant: 'conservation' });
    expect(world.violations[0]!.message).toContain('owes more than L1 escrows');
  });
});
