import { describe, expect, it } from 'vitest';
import { eth } from '../../../../src/l1/units.ts';
import type { BatchProof } from '../../../../src/protocols/zk/circuit.ts';
import { mined, zkRig, type ZkRig } from './rig.ts';

/** A session where users hold funds and paid each other, with a proof of the latest batches ready but not sent. */
async function withPendingProof(): Promise<ZkRig & { claim: NonNullable<Awaited<ReturnType<ZkRig['zk']['prover']['nextClaim']>>> }> {
  // The prover proves once at the start, then sleeps a week: the test sends proofs itself.
  const rig = await zkRig('secure', { proofIntervalBlocks: 50_400 });
  const [alice, bob, carol] = rig.zk.rollup.users;
  for (const u of [alice!, bob!]) await u.deposit(rig.world, eth(5));
  await rig.world.advance(rig.world.l1.finalityDepth + 20);
  await carol!.deposit(rig.world, eth(3));
  await alice!.pay(rig.world, bob!.address, eth(2));
  await bob!.withdraw(rig.world, eth(1));
  await rig.world.advance(rig.world.l1.finalityDepth + 20);
  const claim = await rig.zk.prover.nextClaim();
  if (!claim) throw new Error('nothing to prove');
  return { ...rig, claim };
}

function send(rig: ZkRig, root: string, batchCount: number, parentIndex: number, proof: BatchProof, from = rig.zk.prover.address) {
  return rig.zk.contracts.verifier.propose({ from }, root as `0x${string}`, batchCount, parentIndex, proof);
}

describe('zk verifier: validity by re-execution over Merkle witnesses', () => {
  it('accepts the honest proof: re-executing it gives the claimed root, which becomes final at once', async () => {
    const rig = await withPendingProof();
    const { claim } = rig;
    const receipt = await mined(rig.world, await send(rig, claim.stateRoot, claim.batchCount, claim.parentIndex, claim.proof));
    expect(receipt.status).toBe('success');
    const latest = await rig.zk.contracts.verifier.latestFinalAt(rig.world.height);
    expect((await rig.zk.contracts.verifier.commitment(latest))!.stateRoot).toBe(rig.zk.rollup.derivation.rootsAfter(claim.batchCount)!.stateRoot);
  });

  it('rejects a proof whose claimed root is not what re-execution gives', async () => {
    const rig = await withPendingProof();
    const { claim } = rig;
    const other = claim.stateRoot.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const receipt = await mined(rig.world, await send(rig, other, claim.batchCount, claim.parentIndex, claim.proof));
    expect(receipt.revertReason).toMatch(/^re-execution gives root/);
  });

  it('rejects a witness that inflates a balance: the leaf does not hash into the verified root', async () => {
    const rig = await withPendingProof();
    const { claim } = rig;
    const i = claim.proof.steps.findIndex((s) => s.item.kind === 'tx' && s.leaves[0]!.balanceWei > 0n);
    const steps = claim.proof.steps.map((s, k) => (k === i ? { ...s, leaves: [{ ...s.leaves[0]!, balanceWei: eth(100) }, ...s.leaves.slice(1)] } : s));
    const receipt = await mined(rig.world, await send(rig, claim.stateRoot, claim.batchCount, claim.parentIndex, { steps }));
    expect(receipt.revertReason).toMatch(/witness for 0x[0-9a-f]+ does not match the verified root/);
  });

  it('rejects a proof that leaves out a delayed message the inbox consumed', async () => {
    const rig = await withPendingProof();
    const { claim } = rig;
    const steps = claim.proof.steps.filter((s) => s.item.kind !== 'delayed');
    expect(steps.length).toBeLessThan(claim.proof.steps.length);
    const receipt = await mined(rig.world, await send(rig, claim.stateRoot, claim.batchCount, claim.parentIndex, { steps }));
    expect(receipt.status).toBe('reverted');
  });

  it('accepts proofs from the prover only', async () => {
    const rig = await withPendingProof();
    const { claim } = rig;
    const alice = rig.zk.rollup.users[0]!;
    const receipt = await mined(rig.world, await send(rig, claim.stateRoot, claim.batchCount, claim.parentIndex, claim.proof, alice.address));
    expect(receipt.revertReason).toBe('only the prover submits validity proofs');
  });
});

describe('zk freeze', () => {
  it('refuses to freeze while a forced request is within its deadline, and freezes once it has passed', async () => {
    const rig = await zkRig('secure', {}, 'starkex');
    const alice = rig.zk.rollup.users[0]!;
    await alice.deposit(rig.world, eth(5));
    await rig.world.advance(rig.world.l1.finalityDepth + 40);
    rig.world.removeRole('operator');
    await mined(rig.world, await alice.exitAll(rig.world));
    const index = rig.zk.rollup.derivation.delayed.length - 1;
    const early = await mined(rig.world, await rig.zk.contracts.verifier.freeze({ from: alice.address }, index));
    expect(early.revertReason).toMatch(/is within its deadline until block \d+/);
    await rig.world.advance(50_400 + 16);
    expect(await rig.zk.contracts.verifier.isFrozen()).toBe(true);
  });

  it('cannot freeze on a preset without a deadline (zksync-era)', async () => {
    const rig = await zkRig('secure', {}, 'zksync-era');
    const alice = rig.zk.rollup.users[0]!;
    await alice.deposit(rig.world, eth(5));
    await rig.world.advance(rig.world.l1.finalityDepth + 40);
    await mined(rig.world, await alice.exitAll(rig.world));
    const index = rig.zk.rollup.derivation.delayed.length - 1;
    rig.world.removeRole('operator');
    await rig.world.advance(100);
    const receipt = await mined(rig.world, await rig.zk.contracts.verifier.freeze({ from: alice.address }, index));
    expect(receipt.revertReason).toMatch(/no deadline on forced requests/);
  });
});

describe('zk escape hatch', () => {
  it('pays a frozen user its balance in the last verified root once, and refuses a proof of a bigger one', async () => {
    const rig = await zkRig('secure', {}, 'starkex');
    const [alice, bob] = rig.zk.rollup.users;
    await alice!.deposit(rig.world, eth(5));
    await rig.world.advance(rig.world.l1.finalityDepth + 40);
    rig.world.removeRole('operator');
    await mined(rig.world, await bob!.sendForced(rig.world, { action: 'withdraw', to: bob!.address, amountWei: 0n, all: true }));
    // Alice sleeps through the freeze so the test can try a forged escape first.
    rig.world.setOffline(alice!.name, rig.world.height + 60_000);
    await rig.world.advance(50_400 + 16);
    expect(await rig.zk.contracts.verifier.isFrozen()).toBe(true);
    const state = await rig.zk.verifiedState();
    const proof = state.accountProof(alice!.address)!;
    const roots = state.roots();
    const exit = { nonce: 0, index: proof.index, siblings: proof.siblings, withdrawalsRoot: roots.withdrawalsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount };
    const { escapeHatch } = rig.zk.contracts;
    const forged = await mined(rig.world, await escapeHatch.escape({ from: bob!.address }, alice!.address, { ...exit, balanceWei: eth(50) }));
    expect(forged.revertReason).toMatch(/is not in the last verified root/);
    const before = await rig.world.l1.balanceOf(alice!.address);
    expect((await mined(rig.world, await escapeHatch.escape({ from: bob!.address }, alice!.address, { ...exit, balanceWei: eth(5) }))).status).toBe('success');
    expect((await rig.world.l1.balanceOf(alice!.address)) - before).toBe(eth(5));
    const again = await mined(rig.world, await escapeHatch.escape({ from: bob!.address }, alice!.address, { ...exit, balanceWei: eth(5) }));
    expect(again.revertReason).toMatch(/has already escaped/);
  });
});
