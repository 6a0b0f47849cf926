import fc from 'fast-check';
import { eth } from '../l1/units.ts';
import type { ProtocolInstance } from '../protocols/define.ts';
import { attackerIn, RollupSession } from '../protocols/rollup/session.ts';
import { defineCapability, NotApplicable } from './capability.ts';

/**
 * An attacker with 1 ETH on L2 asks, through the delayed inbox, to withdraw more than it
 * owns. The honest chain fails the request; a circuit without the sender-balance
 * constraint lets it through, so with `sign-invalid-proof` this is how a missing
 * constraint turns into a forged withdrawal. Forced, not sent to the sequencer: the
 * sequencer would refuse an overdraft, a delayed message it cannot refuse.
 */
export const forcedOverdraft = defineCapability<{ attacker: string; overdraftEth: number }>({
  name: 'forced-overdraft',
  description: 'an attacker funded with 1 ETH on L2 sends a forced withdrawal of more than it owns through the delayed inbox',
  async apply(world, { attacker, overdraftEth }) {
    if (world.actorsWith('operator').length === 0) throw new NotApplicable('the operator is gone: the attacker could not be funded on L2');
    const rollup = rollupBehind(world.instance as ProtocolInstance);
    let party = attackerIn(world, attacker);
    if (!party) {
      party = await rollup.spawn(world, attacker);
      await rollup.fund(world, party, eth(1));
    }
    const asked = party.canonicalBalance() + eth(overdraftEth);
    await party.sendForced(world, { action: 'withdraw', to: party.address, amountWei: asked, all: false });
    return `${attacker} asks through the delayed inbox to withdraw ${overdraftEth} ETH more than it owns`;
  },
  arbitrary: () => fc.record({ attacker: fc.constant('mallory'), overdraftEth: fc.integer({ min: 1, max: 20 }) }),
});

/** The rollup machinery of a rollup protocol instance: the instance itself, or the one a zk-style session (zk, validium) wraps. */
function rollupBehind(instance: ProtocolInstance): RollupSession {
  if (instance instanceof RollupSession) return instance;
  const inner = (instance as { rollup?: unknown }).rollup;
  if (inner instanceof RollupSession) return inner;
  throw new Error('forced-overdraft needs a rollup protocol instance');
}
