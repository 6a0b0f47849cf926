import { describe, expect, it } from 'vitest';
import { unleash } from '../../../src/adversary/capability.ts';
import { operatorHalt } from '../../../src/adversary/operator-halt.ts';
import { recoveryPhase } from '../../../src/kernel/run.ts';
import { runAttackOn } from '../../support/attack.ts';
import { eth } from '../../../src/l1/units.ts';
import { fundUsers, rollupRig, user } from '../protocols/rollup/rig.ts';

describe('operator-disappears on the optimistic rollup', () => {
  it('the sequencer halts forever and every user still exits with its full balance through L1 alone', async () => {
    const { world, rollup } = await rollupRig();
    await rollup.workload(world);
    await unleash(world, operatorHalt, {});
    rollup.derivation.sync();
    const owed = new Map<string, bigint>();
    const before = new Map<string, bigint>();
    for (const party of rollup.honest) {
      const unpaid = (await party.unpaidWithdrawals()).reduce((s, w) => s + w.amountWei, 0n);
      owed.set(party.name, party.canonicalBalance() + rollup.derivation.pendingDepositsWei(party.address) + unpaid);
      before.set(party.name, await world.l1.balanceOf(party.address));
    }
    expect([...owed.values()].every((v) => v > 0n)).toBe(true);
    await recoveryPhase(world, (w) => rollup.recover(w));
    expect(world.violations).toEqual([]);
    for (const party of rollup.honest) {
      expect({ party: party.name, gained: (await world.l1.balanceOf(party.address)) - before.get(party.name)! }).toEqual({ party: party.name, gained: owed.get(party.name) });
    }
    // Everything escrowed went back out: nothing is stranded in the bridge.
    expect(await world.l1.balanceOf(rollup.contracts.bridge.address)).toBe(0n);
    // No sequencer and no proposer were involved: every root after the halt was proposed by a user.
    const proposers = world.trace.events.filter((e) => e.phase === 'recovery' && /proposes state root/.test(e.summary)).map((e) => e.actor);
    expect(proposers.length).toBeGreaterThan(0);
    expect(proposers.every((name) => rollup.honest.some((p) => p.name === name))).toBe(true);
  });

  it('honours forced messages still queued when the operator goes: they execute before the exits', async () => {
    const rig = await rollupRig();
    await fundUsers(rig);
    const [alice, bob] = [user(rig, 0), user(rig, 1)];
    await unleash(rig.world, operatorHalt, {});
    await alice.sendForced(rig.world, { action: 'transfer', to: bob.address, amountWei: eth(1), all: false });
    const before = [await rig.world.l1.balanceOf(alice.address), await rig.world.l1.balanceOf(bob.address)];
    await recoveryPhase(rig.world, (w) => rig.rollup.recover(w));
    expect(rig.world.violations).toEqual([]);
    expect((await rig.world.l1.balanceOf(alice.address)) - before[0]!).toBe(eth(9));
    expect((await rig.world.l1.balanceOf(bob.address)) - before[1]!).toBe(eth(11));
  });

  it('is defended with OP Mainnet parameters too (sequencing window, 7-day proof maturity)', async () => {
    const r = await runAttackOn('operator-disappears', 'optimistic', 'secure', { preset: 'op-mainnet' });
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe('defended');
  });

  it('strands users when the delayed inbox has no force inclusion: only the operator could have sequenced their exits', async () => {
    const r = await runAttackOn('operator-disappears', 'optimistic', 'no-forced-inclusion');
    const alice = r.violations.find((v) => v.invariant === 'l1-recoverability');
    expect(alice?.message).toMatch(/alice recovered 0 ETH of/);
    expect(r.trace.some((e) => /forces delayed messages/.test(e.summary))).toBe(false);
  });
});
