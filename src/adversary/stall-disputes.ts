import fc from 'fast-check';
import type { ProtocolInstance } from '../protocols/define.ts';
import { DisputeDelayer } from '../protocols/optimistic/delayer.ts';
import { rollupOf } from '../protocols/rollup/session.ts';
import { eth } from '../l1/units.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/** Bond-sacrificing challenges of honest roots, opened as late as the window allows and played as slowly as the clock allows. */
export const stallDisputes = defineCapability<{ attacker: string; games: number }>({
  name: 'stall-disputes',
  description: 'an attacker challenges honest state roots at the end of their window, several times each, and plays every move at its clock\'s last block',
  async apply(world, { attacker, games }) {
    const rollup = rollupOf(world.instance as ProtocolInstance);
    if (world.actorsWith('adversary').some((a) => a.name === attacker)) throw new NotApplicable(`${attacker} is already stalling disputes`);
    const delayer = new DisputeDelayer(attacker, rollup.contracts, rollup.derivation, rollup.params.challengeWindowBlocks, games);
    await world.l1.fund(delayer.player.address, eth(100));
    world.addActor(delayer);
    await delayer.act(world);
    return `${attacker} will challenge every honest root ${games} times at the end of its window and stall each game`;
  },
  arbitrary: () => fc.record({ attacker: fc.constant('staller'), games: fc.integer({ min: 1, max: 4 }) }),
});
