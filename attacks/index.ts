import type { AttackDefinition } from '../src/kernel/attack.ts';
import offlineVictimClose from './offline-victim-close.attack.ts';
import operatorDisappears from './operator-disappears.attack.ts';
import signatureReplay from './signature-replay.attack.ts';
import staleStateClose from './stale-state-close.attack.ts';

/** The catalogue, in the order `l2adv list` and `attack --all` run it. */
export const attacks: readonly AttackDefinition[] = [staleStateClose, offlineVictimClose, signatureReplay, operatorDisappears];
