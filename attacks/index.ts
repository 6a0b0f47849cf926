import type { AttackDefinition } from '../src/kernel/attack.ts';
import offlineVictimClose from './offline-victim-close.attack.ts';
import operatorDisappears from './operator-disappears.attack.ts';
import rollbackDoubleSpend from './rollback-double-spend.attack.ts';
import sequencerCensorship from './sequencer-censorship.attack.ts';
import signatureReplay from './signature-replay.attack.ts';
import staleStateClose from './stale-state-close.attack.ts';
import withheldData from './withheld-data.attack.ts';

/** The catalogue, in the order `l2adv list` and `attack --all` run it. */
export const attacks: readonly AttackDefinition[] = [staleStateClose, offlineVictimClose, signatureReplay, sequencerCensorship, withheldData, rollbackDoubleSpend, operatorDisappears];
