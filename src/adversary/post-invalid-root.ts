import fc from 'fast-check';
import { RootForger } from '../protocols/optimistic/forger.ts';
import type { ProtocolInstance } from '../protocols/define.ts';
import { rollupOf } from '../protocols/rollup/session.ts';
import { eth } from '../l1/units.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/**
 * Proposing is permissionless, so anyone with a bond can post a root that lies: the
 * attacker corrupts one transaction of the next segment (minting value to itself and
 * withdrawing it), defends the lie in any dispute, and claims the withdrawal from the bridge.
 */
export const postInvalidRoot = defineCapability<{ attacker: string; step: number; eth: number }>({
  name: 'post-invalid-root',
  description: 'an attacker proposes a state root with one transaction corrupted to mint it value, defends it and withdraws the value',
  async apply(world, { attacker, step, eth: amount }) {
    const rollup = rollupOf(world.instance as ProtocolInstance);
    if (world.actorsWith('adversary').some((a) => a.name === attacker)) throw new NotApplicable(`${attacker} is already forging a root`);
    const forger = new RootForger(attacker, rollup.contracts, rollup.derivation, { step, amountWei: eth(amount) }, rollup.params.challengeWindowBlocks);
    await world.l1.fund(forger.player.address, eth(100));
    world.addActor(forger);
    await forger.act(world);
    return `${attacker} will propose a root whose step ${step} mints it ${amount} ETH`;
  },
  arbitrary: () => fc.record({ attacker: fc.constant('forger'), step: fc.nat({ max: 64 }), eth: fc.integer({ min: 1, max: 20 }) }),
});
