import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { ByteReader } from '../../../../src/protocols/rollup/codec.ts';
import { authenticate, decodeTx, encodedLength, encodeTx, signTx, type TransferBody } from '../../../../src/protocols/rollup/transaction.ts';

const alice = account('alice');
const bob = account('bob');
const transfer: TransferBody = { kind: 'transfer', from: alice.address, to: bob.address, amountWei: 1_500n, nonce: 3, memo: new Uint8Array([1, 0, 2]) };

describe('L2 transactions', () => {
  it.each(['ideal', 'secp256k1'] as const)('round-trips through the batch encoding with its hash and %s signature', (scheme) => {
    const tx = signTx(transfer, alice, 42161, scheme);
    const back = decodeTx(new ByteReader(tx.encoded), 42161);
    expect(back.hash).toBe(tx.hash);
    expect(back.body).toEqual(transfer);
    expect(authenticate(back, 42161)).toEqual({ kind: 'transfer', from: alice.address, to: bob.address, amountWei: 1_500n, nonce: 3 });
  });

  it('is bound to its chain id: the same signature does not authenticate on another rollup', () => {
    const tx = signTx(transfer, alice, 42161, 'ideal');
    expect(authenticate(tx, 10)).toBeUndefined();
  });

  it('does not authenticate a tampered amount', () => {
    const tx = signTx(transfer, alice, 42161, 'ideal');
    expect(authenticate({ ...tx, body: { ...transfer, amountWei: 9_999n } }, 42161)).toBeUndefined();
  });

  it('refuses to sign for someone else', () => {
    expect(() => signTx(transfer, bob, 42161, 'ideal')).toThrow(/cannot sign/);
  });

  it('knows a signed transaction\'s encoded length without building it, equal to the encoding\'s (a zip bomb is refused by size alone)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.nat({ max: 0xffff_ffff }), fc.uint8Array({ maxLength: 300 }), fc.constantFrom('ideal', 'secp256k1' as const), fc.boolean(), (amountWei, nonce, memo, scheme, isTransfer) => {
        const body = isTransfer ? { ...transfer, amountWei, nonce, memo } : { kind: 'withdraw' as const, from: alice.address, to: alice.address, amountWei, nonce };
        const tx = signTx(body, alice, 10, scheme);
        const length = encodedLength(tx);
        expect(tx.encoded).toEqual(encodeTx(body, tx.signature));
        expect(length).toBe(tx.encoded.length);
        const back = decodeTx(new ByteReader(tx.encoded), 10);
        expect(encodedLength(back)).toBe(length);
      }),
      { numRuns: 100 },
    );
  });
});
