import type { AttackDefinition } from '../src/kernel/attack.ts';
import operatorDisappears from './operator-disappears.attack.ts';

/** The catalogue, in the order `l2adv list` and `attack --all` run it. */
export const attacks: readonly AttackDefinition[] = [operatorDisappears];
