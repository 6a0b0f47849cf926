import { describe, expect, it } from 'vitest';
import { account } from '../../../../src/crypto/accounts.ts';
import { sign, type SignatureScheme } from '../../../../src/crypto/signatures.ts';
import { MODEL_CHAIN_ID } from '../../../../src/l1/contracts/channel-state.ts';
import { federationBridge, pegOutDigest, type FederationBridgeFacade, type FederationSignature, type PegOut } from '../../../../src/l1/contracts/federation-bridge.ts';
import type { Deployed } from '../../../../src/l1/L1.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';

const members = ['federation-1', 'federation-2', 'federation-3', 'federation-4'].map(account);
const alice = account('alice');
const mallory = account('mallory');

async function bridgeWithEscrow(): Promise<{ l1: MemoryL1; bridge: Deployed<FederationBridgeFacade> }> {
  const l1 = new MemoryL1();
  const bridge = await l1.deploy(federationBridge, { chainId: MODEL_CHAIN_ID, members: members.map((m) => m.address), threshold: 3 });
  await l1.fund(alice.address, eth(100));
  await bridge.pegIn({ from: alice.address, value: eth(10) }, alice.address);
  await l1.mine();
  return { l1, bridge };
}

function signedBy(signers: readonly (typeof alice)[], pegOut: PegOut, bridge: Deployed<FederationBridgeFacade>, scheme: SignatureScheme = 'ideal'): FederationSignature[] {
  const digest = pegOutDigest(MODEL_CHAIN_ID, bridge.address, pegOut);
  return signers.map((s) => ({ signer: s.address, signature: sign(scheme, s, digest) }));
}

async function submit(l1: MemoryL1, bridge: Deployed<FederationBridgeFacade>, pegOut: PegOut, signatures: FederationSignature[]) {
  const id = await bridge.pegOut({ from: alice.address }, pegOut, signatures);
  await l1.mine();
  return l1.receipt(id);
}

describe('FederationBridge', () => {
  it('locks a peg-in and numbers it for the federation to credit', async () => {
    const { l1, bridge } = await bridgeWithEscrow();
    expect(await bridge.escrowedWei()).toBe(eth(10));
    expect(await l1.balanceOf(bridge.address)).toBe(eth(10));
    expect(l1.logs({ contract: bridge.address, name: 'PegIn' })[0]?.args).toMatchObject({ id: 0, recipient: alice.address, amountWei: eth(10) });
  });

  it.each(['ideal', 'secp256k1'] as const)('pays a peg-out signed by k of n members (%s signatures)', async (scheme) => {
    const { l1, bridge } = await bridgeWithEscrow();
    const pegOut = { id: 0, recipient: alice.address, amountWei: eth(4) };
    const before = await l1.balanceOf(alice.address);
    expect((await submit(l1, bridge, pegOut, signedBy(members.slice(0, 3), pegOut, bridge, scheme))).status).toBe('success');
    expect(await l1.balanceOf(alice.address)).toBe(before + eth(4));
    expect(await bridge.isPaid(0)).toBe(true);
    expect(await bridge.escrowedWei()).toBe(eth(6));
  });

  it('refuses k - 1 member signatures, naming how many it needs', async () => {
    const { l1, bridge } = await bridgeWithEscrow();
    const pegOut = { id: 0, recipient: alice.address, amountWei: eth(4) };
    const receipt = await submit(l1, bridge, pegOut, signedBy(members.slice(0, 2), pegOut, bridge));
    expect(receipt).toMatchObject({ status: 'reverted', revertReason: 'peg-out 0 needs 3 of 4 federation signatures, got 2' });
  });

  it('counts a member once however often it signs, and outsiders not at all', async () => {
    const { l1, bridge } = await bridgeWithEscrow();
    const pegOut = { id: 0, recipient: alice.address, amountWei: eth(4) };
    const twice = signedBy([members[0]!, members[0]!, members[1]!, mallory, alice], pegOut, bridge);
    expect((await submit(l1, bridge, pegOut, twice)).revertReason).toBe('peg-out 0 needs 3 of 4 federation signatures, got 2');
  });

  it('binds signatures to recipient and amount: a signed peg-out cannot be redirected or inflated', async () => {
    const { l1, bridge } = await bridgeWithEscrow();
    const pegOut = { id: 0, recipient: alice.address, amountWei: eth(4) };
    const signatures = signedBy(members.slice(0, 3), pegOut, bridge);
    expect((await submit(l1, bridge, { ...pegOut, recipient: mallory.address }, signatures)).revertReason).toContain('got 0');
    expect((await submit(l1, bridge, { ...pegOut, amountWei: eth(9) }, signatures)).revertReason).toContain('got 0');
  });

  it('pays each peg-out id once', async () => {
    const { l1, bridge } = await bridgeWithEscrow();
    const pegOut = { id: 0, recipient: alice.address, amountWei: eth(4) };
    const signatures = signedBy(members.slice(0, 3), pegOut, bridge);
    await submit(l1, bridge, pegOut, signatures);
    expect((await submit(l1, bridge, pegOut, signatures)).revertReason).toBe('peg-out 0 was already paid');
    expect(await bridge.escrowedWei()).toBe(eth(6));
  });

  it('rejects a threshold outside 1..n at deployment', async () => {
    const l1 = new MemoryL1();
    await expect(l1.deploy(federationBridge, { chainId: MODEL_CHAIN_ID, members: members.map((m) => m.address), threshold: 5 })).rejects.toThrow('between 1 and 4');
  });
});
