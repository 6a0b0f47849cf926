import { broadcastStaleState } from './broadcast-stale-state.ts';
import type { Capability } from './capability.ts';
import { censorL1 } from './censor-l1.ts';
import { congestL1 } from './congest-l1.ts';
import { goOffline } from './go-offline.ts';
import { operatorHalt } from './operator-halt.ts';
import { reorgL1 } from './reorg-l1.ts';
import { replaySignedState } from './replay-signed-state.ts';

/** Every adversary capability, in a fixed order (fuzz swarm subsets index into it). */
export const capabilities: readonly Capability<never>[] = [censorL1, congestL1, reorgL1, goOffline, operatorHalt, broadcastStaleState, replaySignedState] as Capability<never>[];
