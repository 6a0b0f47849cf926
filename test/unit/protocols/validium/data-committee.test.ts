import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../../../src/crypto/accounts.ts';
import { keccakText, type Hex } from '../../../../src/crypto/keccak.ts';
import { sign, type SignatureScheme } from '../../../../src/crypto/signatures.ts';
import { MODEL_CHAIN_ID } from '../../../../src/l1/contracts/channel-state.ts';
import { certificateDigest, dataCommittee, type CommitteeSignature, type DataCommitteeFacade } from '../../../../src/l1/contracts/data-committee.ts';
import type { Deployed } from '../../../../src/l1/L1.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';

const members = ['dac-1', 'dac-2', 'dac-3', 'dac-4'].map(account);
const outsider = account('mallory');
const poster = account('sequencer');
const RETENTION = 86_400;
const dataHash = keccakText('batch 0');

async function committee(distinctSigners = true): Promise<{ l1: MemoryL1; dac: Deployed<DataCommitteeFacade> }> {
  const l1 = new MemoryL1();
  const dac = await l1.deploy(dataCommittee, { chainId: MODEL_CHAIN_ID, members: members.map((m) => m.address), threshold: 3, minRetentionSeconds: RETENTION, distinctSigners });
  return { l1, dac };
}

function expiry(l1: MemoryL1, extraSeconds = 3_600): number {
  return l1.head().timestamp + RETENTION + extraSeconds;
}

function signed(signers: readonly Account[], dac: Deployed<DataCommitteeFacade>, expirySeconds: number, scheme: SignatureScheme = 'ideal', hash: Hex = dataHash): CommitteeSignature[] {
  const digest = certificateDigest(MODEL_CHAIN_ID, dac.address, hash, expirySeconds);
  return signers.map((s) => ({ signer: s.address, signature: sign(scheme, s, digest) }));
}

async function certify(l1: MemoryL1, dac: Deployed<DataCommitteeFacade>, expirySeconds: number, signatures: CommitteeSignature[]) {
  const id = await dac.certify({ from: poster.address }, { dataHash, expirySeconds, signatures });
  await l1.mine();
  return l1.receipt(id);
}

describe('DataCommittee', () => {
  it.each(['ideal', 'secp256k1'] as const)('certifies data that k of n members signed for, until the expiry they promised (%s signatures)', async (scheme) => {
    const { l1, dac } = await committee();
    const until = expiry(l1);
    expect((await certify(l1, dac, until, signed(members.slice(1), dac, until, scheme))).status).toBe('success');
    expect(await dac.certifiedUntil(dataHash)).toBe(until);
    expect(l1.logs({ contract: dac.address, name: 'DataCertified' })[0]?.args).toMatchObject({ dataHash, expirySeconds: until });
  });

  it('refuses a certificate below the threshold, and certifies nothing', async () => {
    const { l1, dac } = await committee();
    const until = expiry(l1);
    const r = await certify(l1, dac, until, signed(members.slice(0, 2), dac, until));
    expect(r).toMatchObject({ status: 'reverted', revertReason: expect.stringMatching(/needs 3 of 4 committee signatures, got 2/) });
    expect(await dac.certifiedUntil(dataHash)).toBe(0);
  });

  it('counts a member once however often its signature repeats', async () => {
    const { l1, dac } = await committee();
    const until = expiry(l1);
    const [one] = signed(members.slice(0, 1), dac, until);
    expect((await certify(l1, dac, until, [one!, one!, one!])).revertReason).toMatch(/got 1$/);
  });

  it('counts repeats in the duplicate-signers twin: one member certifies alone', async () => {
    const { l1, dac } = await committee(false);
    const until = expiry(l1);
    const [one] = signed(members.slice(0, 1), dac, until);
    expect((await certify(l1, dac, until, [one!, one!, one!])).status).toBe('success');
  });

  it('ignores outsiders, signatures over another hash or expiry, and signatures claimed for someone else', async () => {
    const { l1, dac } = await committee();
    const until = expiry(l1);
    const [good] = signed(members.slice(0, 1), dac, until);
    const foreign = signed([outsider], dac, until);
    const otherHash = signed(members.slice(1, 2), dac, until, 'ideal', keccakText('batch 1'));
    const otherExpiry = signed(members.slice(2, 3), dac, until + 1);
    const forged = { signer: members[3]!.address, signature: signed([outsider], dac, until)[0]!.signature };
    const r = await certify(l1, dac, until, [good!, ...foreign, ...otherHash, ...otherExpiry, forged]);
    expect(r.revertReason).toMatch(/got 1$/);
  });

  it('refuses a certificate whose expiry falls short of the retention the members must promise', async () => {
    const { l1, dac } = await committee();
    const until = l1.head().timestamp + RETENTION - 60;
    const r = await certify(l1, dac, until, signed(members.slice(0, 3), dac, until));
    expect(r).toMatchObject({ status: 'reverted', revertReason: expect.stringMatching(/before the 86400-second retention/) });
  });

  it('binds the certificate to its committee contract: signatures for another committee do not count', async () => {
    const { l1, dac } = await committee();
    const other = await l1.deploy(dataCommittee, { chainId: MODEL_CHAIN_ID, members: members.map((m) => m.address), threshold: 3, minRetentionSeconds: RETENTION, distinctSigners: true });
    const until = expiry(l1);
    expect((await certify(l1, dac, until, signed(members.slice(0, 3), other, until))).status).toBe('reverted');
  });

  it('rejects a committee with repeated members or an impossible threshold at deployment', async () => {
    const l1 = new MemoryL1();
    const base = { chainId: MODEL_CHAIN_ID, minRetentionSeconds: RETENTION, distinctSigners: true };
    await expect(l1.deploy(dataCommittee, { ...base, members: [members[0]!.address, members[0]!.address], threshold: 1 })).rejects.toThrow('distinct');
    await expect(l1.deploy(dataCommittee, { ...base, members: members.map((m) => m.address), threshold: 5 })).rejects.toThrow('between 1 and 4');
  });
});
