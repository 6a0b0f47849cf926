import fc from 'fast-check';
import type { ProtocolInstance } from '../protocols/define.ts';
import { attackerIn, rollupOf } from '../protocols/rollup/session.ts';
import { eth } from '../l1/units.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/**
 * The first half of every DoubleUp Roll mode: an attacker with funds on L2 pays the
 * merchant through the sequencer, so that rolling the payment back is worth its while.
 * Spawns and funds the attacker the first time; `post-zip-bomb` and
 * `force-include-conflicting` are the second halves.
 */
export const attackerPaysMerchant = defineCapability<{ attacker: string; eth: number }>({
  name: 'attacker-pays-merchant',
  description: 'an attacker funded on L2 pays the merchant through the sequencer (the set-up of a rollback double-spend)',
  async apply(world, { attacker, eth: amount }) {
    if (world.actorsWith('operator').length === 0) throw new NotApplicable('the sequencer is gone: no soft confirmation to exploit');
    const rollup = rollupOf(world.instance as ProtocolInstance);
    let party = attackerIn(world, attacker);
    if (!party) {
      party = await rollup.spawn(world, attacker);
      await rollup.fund(world, party, eth(amount));
    }
    const balance = party.canonicalBalance();
    if (balance === 0n) throw new NotApplicable(`${attacker} has nothing left on L2`);
    await party.pay(world, rollup.merchant.address, balance);
    return `${attacker} pays the merchant ${balance} wei through the sequencer`;
  },
  arbitrary: () => fc.record({ attacker: fc.constant('mallory'), eth: fc.integer({ min: 1, max: 10 }) }),
});
