import { acceptedPaymentFinal } from './accepted-payment-final.ts';
import { conservation } from './conservation.ts';
import { dataAvailability } from './data-availability.ts';
import type { InvariantDefinition } from './define.ts';
import { forcedInclusionBound } from './forced-inclusion-bound.ts';
import { l1Recoverability } from './l1-recoverability.ts';
import { latestStateEnforced } from './latest-state-enforced.ts';
import { validStateOnly } from './valid-state-only.ts';
import { withdrawalFinality } from './withdrawal-finality.ts';

/** Every checker, in a fixed order (the order they run after each step). */
export const invariants: readonly InvariantDefinition<never>[] = [conservation, l1Recoverability, latestStateEnforced, forcedInclusionBound, acceptedPaymentFinal, dataAvailability, validStateOnly, withdrawalFinality] as InvariantDefinition<never>[];
