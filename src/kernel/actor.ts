import type { MinedBlock } from '../l1/L1.ts';
import type { World } from './world.ts';

/**
 * Roles decide what the recovery phase does: `operator` actors (sequencer, proposer,
 * channel counterparty, committee) are removed; `honest` actors must get their funds out.
 */
export type Role = 'honest' | 'operator' | 'adversary' | 'watchtower' | 'merchant' | 'challenger';

export interface Actor {
  readonly name: string;
  readonly role: Role;
  /** Reacts to a mined block (its transactions and events). Not called while offline. */
  onBlock?(world: World, block: MinedBlock): Promise<void>;
}
