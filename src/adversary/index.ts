import { attackerPaysMerchant } from './attacker-pays-merchant.ts';
import { broadcastStaleState } from './broadcast-stale-state.ts';
import type { Capability } from './capability.ts';
import { censorL1 } from './censor-l1.ts';
import { censorL2 } from './censor-l2.ts';
import { congestL1 } from './congest-l1.ts';
import { delayBatchPosting } from './delay-batch-posting.ts';
import { forceIncludeConflicting } from './force-include-conflicting.ts';
import { forcedOverdraft } from './forced-overdraft.ts';
import { goOffline } from './go-offline.ts';
import { operatorHalt } from './operator-halt.ts';
import { postInvalidRoot } from './post-invalid-root.ts';
import { postZipBomb } from './post-zip-bomb.ts';
import { reorgL1 } from './reorg-l1.ts';
import { stallDisputes } from './stall-disputes.ts';
import { replaySignedState } from './replay-signed-state.ts';
import { signInvalidProof } from './sign-invalid-proof.ts';
import { withholdBatchData } from './withhold-batch-data.ts';
import { dacWithhold } from './dac-withhold.ts';

/** Every adversary capability, in a fixed order (fuzz swarm subsets index into it). */
export const capabilities: readonly Capability<never>[] = [censorL1, congestL1, reorgL1, goOffline, operatorHalt, broadcastStaleState, replaySignedState, censorL2, withholdBatchData, delayBatchPosting, forceIncludeConflicting, postZipBomb, attackerPaysMerchant, postInvalidRoot, stallDisputes, signInvalidProof, forcedOverdraft, dacWithhold] as Capability<never>[];
