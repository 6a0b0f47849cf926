import { AbiCoder, keccak256 } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { escapeHatchBridge } from '../../../../src/l1/contracts/escape-hatch.ts';
import { messageLeaf } from '../../../../src/l1/contracts/one-step-proof.ts';
import { messageToSolidity, SOLIDITY_NO_NONCE, stepWitnessToSolidity } from '../../../../src/l1/contracts/rollup-solidity.ts';
import { zkVerifier } from '../../../../src/l1/contracts/zk-verifier.ts';
import { signTx, type L2Message } from '../../../../src/protocols/rollup/transaction.ts';
import type { BatchProof } from '../../../../src/protocols/zk/circuit.ts';

const [alice, bob] = [account('alice'), account('bob')];
const person = fc.constantFrom(alice.address, bob.address);
const message: fc.Arbitrary<L2Message> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), to: person, amountWei: fc.bigInt({ min: 0n, max: 10n ** 20n }) }),
  fc.record({ kind: fc.constant('transfer' as const), from: person, to: person, amountWei: fc.bigInt({ min: 0n, max: 10n ** 20n }), nonce: fc.option(fc.nat(), { nil: undefined }) }, { requiredKeys: ['kind', 'from', 'to', 'amountWei'] }),
  fc.record({ kind: fc.constant('withdraw' as const), from: person, to: person, amountWei: fc.bigInt({ min: 0n, max: 10n ** 20n }), all: fc.boolean(), nonce: fc.option(fc.nat(), { nil: undefined }) }, { requiredKeys: ['kind', 'from', 'to', 'amountWei'] }),
);

describe('the rollup values as the Solidity contracts take them', () => {
  it('flattens a message into the struct whose abi.encode is exactly what its leaf hashes', () => {
    fc.assert(
      fc.property(message, (m) => {
        const s = messageToSolidity(m);
        const encoded = AbiCoder.defaultAbiCoder().encode(['uint256', 'address', 'address', 'uint256', 'uint64', 'bool'], [s.kind, s.from, s.to, s.amountWei, s.nonce, s.all]);
        expect(keccak256(encoded)).toBe(messageLeaf(m));
      }),
    );
  });

  it('gives a deposit no sender and a message without a nonce the NO_NONCE word', () => {
    expect(messageToSolidity({ kind: 'deposit', to: bob.address, amountWei: 5n })).toEqual({ kind: 0, from: `0x${'0'.repeat(40)}`, to: bob.address, amountWei: 5n, nonce: SOLIDITY_NO_NONCE, all: false });
    expect(messageToSolidity({ kind: 'withdraw', from: alice.address, to: bob.address, amountWei: 0n, all: true })).toMatchObject({ kind: 2, nonce: SOLIDITY_NO_NONCE, all: true });
    expect(messageToSolidity({ kind: 'transfer', from: alice.address, to: bob.address, amountWei: 1n, nonce: 3 })).toMatchObject({ kind: 1, nonce: 3n, all: false });
  });

  it('renames a witness account’s address field, which is a Solidity keyword', () => {
    const pre = { accountsRoot: `0x${'11'.repeat(32)}`, withdrawalsRoot: `0x${'22'.repeat(32)}`, accountCount: 1, withdrawalCount: 0 } as const;
    const account = { address: alice.address, index: 0, present: true, balanceWei: 7n, nonce: 2, siblings: [] };
    const converted = stepWitnessToSolidity({ pre, message: { kind: 'deposit', to: alice.address, amountWei: 1n }, messageSiblings: [], accounts: [account], withdrawalSiblings: [] }) as { accounts: unknown[] };
    expect(converted.accounts).toEqual([{ account: alice.address, index: 0, present: true, balanceWei: 7n, nonce: 2, siblings: [] }]);
  });
});

describe('the zk contracts’ Solidity adapters', () => {
  it('passes a proposal without a proof as a flag and no steps, and a proof’s steps as flat structs', () => {
    const propose = zkVerifier.toSolidity!.propose!;
    expect(propose([`0x${'00'.repeat(32)}`, 1, 0])).toEqual([`0x${'00'.repeat(32)}`, 1, 0, false, []]);
    const tx = signTx({ kind: 'withdraw', from: alice.address, to: bob.address, amountWei: 3n, nonce: 0 }, alice, 7, 'secp256k1');
    const proof: BatchProof = { steps: [{ item: { kind: 'delayed', index: 4 }, leaves: [] }, { item: { kind: 'tx', tx }, leaves: [{ address: alice.address, balanceWei: 9n, nonce: 0, siblings: [] }] }] };
    const [, , , hasProof, steps] = propose([`0x${'00'.repeat(32)}`, 1, 0, proof]) as [unknown, unknown, unknown, boolean, Array<Record<string, unknown>>];
    expect(hasProof).toBe(true);
    expect(steps[0]).toMatchObject({ delayed: true, delayedIndex: 4, withdrawalSiblings: [] });
    expect(steps[1]).toMatchObject({
      delayed: false,
      transaction: { kind: 2, from: alice.address, to: bob.address, amountWei: 3n, nonce: 0, memo: '0x', signature: tx.signature },
      leaves: [{ account: alice.address, balanceWei: 9n, nonce: 0, siblings: [] }],
    });
  });

  it('reads an all-zero commitment as none, and drops the bridge event field the TS event does not have', () => {
    const zero = `0x${'0'.repeat(40)}`;
    const commitment = { index: 2, stateRoot: `0x${'ab'.repeat(32)}`, batchCount: 3, proposer: alice.address, postedBlock: 9, parentIndex: 1 };
    expect(zkVerifier.fromSolidity!.commitment!(commitment)).toEqual(commitment);
    expect(zkVerifier.fromSolidity!.commitment!({ ...commitment, proposer: zero })).toBeUndefined();
    expect(escapeHatchBridge.eventsFromSolidity!.WithdrawalFinalized!({ index: 0, to: bob.address, amountWei: 1n, commitmentIndex: 1, finalWhenPaid: true })).toEqual({ index: 0, to: bob.address, amountWei: 1n, commitmentIndex: 1 });
  });

  it('deploys each twin from its params: the sender-balance, deadline and escape-hatch flags', () => {
    const params = { rollupInbox: alice.address, delayedInbox: bob.address, prover: alice.address, chainId: 7, genesis: { accountsRoot: `0x${'00'.repeat(32)}`, withdrawalsRoot: `0x${'00'.repeat(32)}`, accountCount: 0, withdrawalCount: 0 }, constraints: { senderBalance: false }, freezeDeadlineBlocks: null } as const;
    expect(zkVerifier.constructorArgs!(params).slice(5)).toEqual([false, false, 0]);
    expect(zkVerifier.constructorArgs!({ ...params, constraints: { senderBalance: true }, freezeDeadlineBlocks: 40 }).slice(5)).toEqual([true, true, 40]);
    expect(escapeHatchBridge.constructorArgs!({ delayedInbox: bob.address, verifier: alice.address, escapeHatch: false })).toEqual([bob.address, alice.address, false]);
  });
});
