import { describe, expect, it } from 'vitest';
import { unleash } from '../../../../src/adversary/capability.ts';
import { forcedOverdraft } from '../../../../src/adversary/forced-overdraft.ts';
import { attackerIn } from '../../../../src/protocols/rollup/session.ts';
import { eth } from '../../../../src/l1/units.ts';
import { zkFuzz, zkFuzzProfile } from '../../../../src/protocols/zk/fuzz.ts';
import { zkRig as rig } from './rig.ts';

async function zkRig(variant = 'secure') {
  const r = await rig(variant);
  r.world.instance = r.zk;
  return r;
}

describe('zk fuzz profile', () => {
  it('runs the rollup’s honest moves on the zk session', async () => {
    const { world, zk } = await zkRig();
    await zk.perform(world, 'deposit', { user: 0, eth: 3 });
    await world.advance(world.l1.finalityDepth + 20);
    expect(zk.rollup.users[0]!.canonicalBalance()).toBe(eth(3));
    await zk.perform(world, 'pay', { from: 1, to: 0, percent: 10 });
    expect(world.trace.events.at(-1)!.summary).toBe('pay skipped: bob has nothing to spend');
  });

  it('lands time moves on the freeze deadline of each forced request no verified batch served', async () => {
    const { world, zk } = await zkRig();
    world.removeRole('operator');
    await zk.rollup.users[0]!.exitAll(world);
    await world.advance(1);
    const request = zk.rollup.derivation.delayed.at(-1)!;
    expect(await zk.deadlines()).toEqual([request.block + zk.params.forcedRequestDeadlineBlocks!]);
  });

  it('forced-overdraft: an attacker with 1 ETH on L2 queues a forced withdrawal of more than it owns, which the honest chain fails', async () => {
    const { world, zk } = await zkRig();
    await unleash(world, forcedOverdraft, { attacker: 'mallory', overdraftEth: 4 });
    const mallory = attackerIn(world, 'mallory')!;
    await world.advance(1);
    const request = zk.rollup.derivation.delayed.at(-1)!;
    expect(request).toMatchObject({ sender: mallory.address, action: 'withdraw', amountWei: eth(5), all: false });
    await world.advance(200);
    expect(zk.rollup.derivation.delayedRead).toBeGreaterThan(request.index);
    expect(mallory.canonicalBalance()).toBe(eth(1));
  });

  it('forced-overdraft is not applicable once the operator is gone: nobody would credit the attacker’s deposit', async () => {
    const { world } = await zkRig();
    world.removeRole('operator');
    await unleash(world, forcedOverdraft, { attacker: 'mallory', overdraftEth: 4 });
    expect(world.trace.events.at(-1)!.summary).toMatch(/^forced-overdraft: not applicable/);
    expect(attackerIn(world, 'mallory')).toBeUndefined();
  });

  it('is reusable: another validity-proven design adds its own capabilities to the zk adversary', () => {
    const validium = zkFuzzProfile({ extraCapabilities: ['dac-withhold'] });
    expect(validium.capabilities).toEqual([...zkFuzz.capabilities, 'dac-withhold']);
    expect(validium.moves).toBe(zkFuzz.moves);
  });
});
