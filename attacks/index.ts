import type { AttackDefinition } from '../src/kernel/attack.ts';
import offlineVictimClose from './offline-victim-close.attack.ts';
import operatorDisappears from './operator-disappears.attack.ts';
import rollbackDoubleSpend from './rollback-double-spend.attack.ts';
import sequencerCensorship from './sequencer-censorship.attack.ts';
import signatureReplay from './signature-replay.attack.ts';
import staleStateClose from './stale-state-close.attack.ts';
import withheldData from './withheld-data.attack.ts';
import unsoundProof from './unsound-proof.attack.ts';
import ignoredForcedExit from './ignored-forced-exit.attack.ts';
import invalidStateRoot from './invalid-state-root.attack.ts';
import prematureWithdrawal from './premature-withdrawal.attack.ts';
import challengerCensorship from './challenger-censorship.attack.ts';
import disputeDelay from './dispute-delay.attack.ts';
import dacWithholding from './dac-withholding.attack.ts';
import blobExpiry from './blob-expiry.attack.ts';

/** The catalogue, in the order `l2adv list` and `attack --all` run it. */
export const attacks: readonly AttackDefinition[] = [staleStateClose, offlineVictimClose, signatureReplay, sequencerCensorship, withheldData, rollbackDoubleSpend, invalidStateRoot, challengerCensorship, prematureWithdrawal, disputeDelay, unsoundProof, ignoredForcedExit, dacWithholding, blobExpiry, operatorDisappears];
