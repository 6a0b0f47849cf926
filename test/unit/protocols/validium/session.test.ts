import { describe, expect, it } from 'vitest';
import { unleash } from '../../../../src/adversary/capability.ts';
import { withholdBatchData } from '../../../../src/adversary/withhold-batch-data.ts';
import { capabilities } from '../../../../src/adversary/index.ts';
import { playSchedule } from '../../../../src/fuzz/play.ts';
import type { Move } from '../../../../src/fuzz/moves.ts';
import { eth } from '../../../../src/l1/units.ts';
import { Derivation } from '../../../../src/protocols/rollup/derivation.ts';
import { runAttackOn } from '../../../support/attack.ts';
import { validiumRig, type ValidiumRig } from './rig.ts';

/** alice deposits and pays bob; returns once the payment's batch is derived or the time is up. */
async function depositAndPay(rig: ValidiumRig): Promise<void> {
  const { world, zk } = rig;
  const [alice, bob] = zk.rollup.users;
  await zk.rollup.fund(world, alice!, eth(5));
  await alice!.pay(world, bob!.address, eth(2));
  await world.advance(zk.params.batchIntervalBlocks + world.l1.finalityDepth + 4);
}

function batches(rig: ValidiumRig) {
  rig.zk.rollup.derivation.sync();
  return rig.zk.rollup.derivation.batches.filter((b) => b.record.kind === 'sequencer');
}

describe('validium', () => {
  it('posts batches as bare hashes with a committee certificate, and the honest node reads their data from the members', async () => {
    const rig = await validiumRig();
    await depositAndPay(rig);
    const posted = batches(rig);
    expect(posted.length).toBeGreaterThan(0);
    for (const b of posted) {
      expect(b.record.dataLocation).toBe('none');
      expect(b.outcome).toBe('applied');
      expect(await rig.committee.facade.certifiedUntil(b.record.dataHash)).toBeGreaterThan(b.record.timestamp);
    }
    expect(rig.zk.rollup.users[1]!.canonicalBalance()).toBe(eth(2));
    expect(rig.world.violations).toEqual([]);
  });

  it('keeps the data readable when every signer but one withholds: one honest member is enough', async () => {
    const rig = await validiumRig();
    await depositAndPay(rig);
    const last = batches(rig).at(-1)!.record;
    const holders = rig.committee.members.filter((m) => m.holds(last.dataHash));
    expect(holders.length).toBe(rig.committee.rules.threshold);
    for (const m of holders.slice(1)) m.colluding = true;
    // A fresh honest node, as a user joining late would run, derives from the one member still serving.
    const fresh = new Derivation(rig.world.l1, rig.zk.contracts, rig.zk.rollup.derivation.rules, rig.committee.sources);
    fresh.sync();
    expect(fresh.stalledAt).toBeUndefined();
    expect(fresh.state.account(rig.zk.rollup.users[1]!.address).balanceWei).toBe(eth(2));
    for (const m of holders.slice(0, 1)) m.colluding = true;
    const starved = new Derivation(rig.world.l1, rig.zk.contracts, rig.zk.rollup.derivation.rules, rig.committee.sources);
    starved.sync();
    // The same members signed every batch: with them all withholding, the first certified batch is where derivation stops.
    expect(starved.stalledAt).toBe(batches(rig)[0]!.record.sequenceNumber);
  });

  it('falls back to posting the data on L1 when fewer than k members can sign (AnyTrust)', async () => {
    const rig = await validiumRig();
    const { world, committee } = rig;
    // Two of six offline: four can sign, five are needed.
    for (const m of committee.members.slice(0, 2)) world.setOffline(m.name, world.height + 10_000);
    await depositAndPay(rig);
    const posted = batches(rig);
    expect(posted.length).toBeGreaterThan(0);
    for (const b of posted) expect(b.record.dataLocation).toBe('calldata');
    expect(rig.zk.rollup.users[1]!.canonicalBalance()).toBe(eth(2));
    expect(world.trace.events.some((e) => /only 4 of 6 members can sign .* falls back to posting it on L1/.test(e.summary))).toBe(true);
  });

  it('refuses a bare-hash batch that no certificate covers: a sequencer withholding data outright gets nothing in', async () => {
    const rig = await validiumRig();
    const { world, zk } = rig;
    await unleash(world, withholdBatchData, { blocks: 500 });
    await depositAndPay(rig);
    expect(world.trace.events.some((e) => /reverted on L1: batch data required: post it as calldata or blobs, or have the data committee certify it/.test(e.summary))).toBe(true);
    expect(zk.rollup.derivation.stalledAt).toBeUndefined();
    expect(world.violations).toEqual([]);
  });
});

describe('validium under L1 reorgs', () => {
  // Found by `l2adv fuzz --protocol validium --seed 2`: the prover's own node syncs only when it proves, and two deep
  // reorgs moved a batch below the new finalized height while it lagged; it must still re-derive that block.
  it("keeps the operator's lagging node in step when a reorg rewrites blocks that turn final before it syncs again", async () => {
    const rig = await validiumRig();
    const moves: Move[] = [
      { kind: 'adversary', name: 'forced-overdraft', args: { attacker: 'mallory', overdraftEth: 1 } },
      { kind: 'adversary', name: 'reorg-l1', args: { depth: 21 } },
      { kind: 'adversary', name: 'reorg-l1', args: { depth: 34 } },
      { kind: 'honest', name: 'exit', args: { user: 0 } },
      { kind: 'deadline', offset: -2, window: 0 },
    ];
    const byName = new Map(capabilities.map((c) => [c.name, c as never]));
    await playSchedule({ world: rig.world, instance: rig.zk, protocol: 'validium', variant: 'secure', params: {} }, moves, byName);
    await rig.world.advance(rig.zk.params.batchIntervalBlocks + rig.zk.params.proofIntervalBlocks + 4);
    expect(rig.world.violations).toEqual([]);
    expect(await rig.zk.contracts.verifier.count()).toBeGreaterThan(1);
  });
});

describe('validium when the operator disappears', () => {
  it('lets every user escape with a Merkle proof built from data the committee serves', async () => {
    const r = await runAttackOn('operator-disappears', 'validium', 'secure');
    expect(r.outcome).toBe('defended');
    expect(r.trace.filter((e) => /escapes with .*: a Merkle proof of its account/.test(e.summary)).map((e) => e.actor)).toEqual(['alice', 'bob', 'carol', 'merchant']);
  });
});
