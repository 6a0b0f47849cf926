import { describe, expect, it } from 'vitest';
import { unleash } from '../../../../src/adversary/capability.ts';
import { forcedOverdraft } from '../../../../src/adversary/forced-overdraft.ts';
import { signInvalidProof } from '../../../../src/adversary/sign-invalid-proof.ts';
import type { World } from '../../../../src/kernel/world.ts';
import { eth } from '../../../../src/l1/units.ts';
import { zkRig as rig } from './rig.ts';

/** The rig, with the session where capabilities look for it, as the kernel sets it. */
async function zkRig(variant: string) {
  const r = await rig(variant);
  r.world.instance = r.zk;
  return r;
}

/** Proposals `actor` sent to L1 so far, by the trace. */
function proposalsBy(world: World, actor: string): number {
  return world.trace.events.filter((e) => e.kind === 'tx' && e.actor === actor && (e.data as { method?: string }).method === 'propose').length;
}

describe('zk prover: a refused proof is an answer', () => {
  it('a corrupted prover sends its forged proof once: the sound verifier refuses it and it is not resent every interval', async () => {
    const { world } = await zkRig('secure');
    await unleash(world, forcedOverdraft, { attacker: 'mallory', overdraftEth: 5 });
    await unleash(world, signInvalidProof, {});
    await world.advance(100);
    const before = proposalsBy(world, 'prover');
    // Before the fix the prover resent the same refused proof every 10 blocks: 200 reverts here.
    await world.advance(2_000);
    expect(proposalsBy(world, 'prover')).toBe(before);
    const refusals = world.trace.events.filter((e) => e.kind === 'block' && e.summary.includes('propose ✗'));
    expect(refusals).toHaveLength(1);
  });

  it('an honest proof an unsound verifier refuses is not resent either, and a new batch gets a new proof', async () => {
    const { world, zk } = await zkRig('unsound-verifier');
    await unleash(world, forcedOverdraft, { attacker: 'mallory', overdraftEth: 5 });
    await world.advance(2_000);
    const refused = proposalsBy(world, 'prover');
    expect(world.trace.events.filter((e) => e.kind === 'block' && e.summary.includes('propose ✗'))).toHaveLength(1);
    const alice = zk.rollup.users[0]!;
    await alice.deposit(world, eth(1));
    await world.advance(200);
    expect(proposalsBy(world, 'prover')).toBe(refused + 1);
  });

  it('users never propose a root themselves: L1 takes proofs from the prover only, so a withdrawal no proof covers waits for it or for the freeze', async () => {
    const { world, zk } = await zkRig('secure');
    const alice = zk.rollup.users[0]!;
    await zk.rollup.fund(world, alice, eth(2));
    await unleash(world, signInvalidProof, {});
    await unleash(world, forcedOverdraft, { attacker: 'mallory', overdraftEth: 5 });
    await alice.withdraw(world, eth(1));
    // Past alice's patience window many times over: the rollup's user would propose here; a zk user must not.
    await world.advance(20 * zk.params.userPatienceBlocks);
    expect(proposalsBy(world, 'alice')).toBe(0);
  });
});
