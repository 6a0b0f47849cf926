import fc from 'fast-check';
import { attackerIn } from '../protocols/rollup/session.ts';
import { defineCapability } from './capability.ts';

/**
 * DoubleUp Roll's "queuecut": right after paying a merchant through the sequencer, the
 * attacker sends a conflicting transaction through the delayed inbox — withdraw
 * everything — and forces it in once the delay allows. If the sequencer's batch has not
 * landed by then, the forced message is ordered first and the payment fails.
 */
export const forceIncludeConflicting = defineCapability<{ attacker: string }>({
  name: 'force-include-conflicting',
  description: 'an attacker sends "withdraw everything" through the delayed inbox and forces it in ahead of its soft-confirmed payments',
  async apply(world, { attacker }) {
    const party = attackerIn(world, attacker);
    if (!party) return `no attacker named ${attacker}: nothing sent`;
    // Its own poll forces the message in as soon as the delay bound allows (anyone may).
    await party.exitAll(world);
    return `${attacker} queues a conflicting "withdraw everything" in the delayed inbox`;
  },
  // The attacker `attacker-pays-merchant` spawns: a rollback only pays after a payment.
  arbitrary: () => fc.record({ attacker: fc.constant('mallory') }),
});
