import type { Hex } from '../../crypto/keccak.ts';
import type { TxId } from '../../l1/L1.ts';
import type { SignedState, SigningDomain } from '../../l1/contracts/channel-state.ts';
import type { ChannelParty } from './party.ts';

/** What one party knows about one channel: its own records, nothing the other claims. */
export interface PartyView {
  /** The newest state both parties signed. */
  latest: SignedState;
  /** Every state this party co-signed, oldest first, if it keeps revoked states (a cheater does). */
  readonly history: SignedState[] | undefined;
  /** L1 paid the channel out (seen in the adjudicator's records). */
  settled: boolean;
  /** Height at which a finalize is scheduled, so that it is scheduled once. */
  finalizeDue: number | undefined;
  /** The party's last dispute transaction (challenge or finalize), so it does not send a second while one is pending. */
  pending: TxId | undefined;
  /** End of the dispute window last drawn in the trace, so a window is marked once per move of its end. */
  markedEnd?: number;
}

/**
 * A two-party channel as both parties hold it off-chain. `views[i]` belongs to
 * `parties[i]`; participant order is the adjudicator's (opener first), and so is the
 * order of balances and signatures.
 */
export class Channel {
  readonly views: readonly [PartyView, PartyView];

  constructor(
    /** Position in the session: what capability arguments and traces call the channel. */
    readonly label: number,
    readonly id: Hex,
    readonly parties: readonly [ChannelParty, ChannelParty],
    readonly capacityWei: bigint,
    readonly domain: SigningDomain,
    opening: SignedState,
  ) {
    this.views = [view(opening, parties[0].conduct.keepsRevokedStates), view(opening, parties[1].conduct.keepsRevokedStates)];
  }

  get name(): string {
    return `#${this.label}`;
  }

  indexOf(party: ChannelParty): 0 | 1 {
    if (this.parties[0] === party) return 0;
    if (this.parties[1] === party) return 1;
    throw new Error(`${party.name} is not a participant of channel ${this.name}`);
  }

  viewOf(party: ChannelParty): PartyView {
    return this.views[this.indexOf(party)];
  }

  counterpartyOf(party: ChannelParty): ChannelParty {
    return this.parties[1 - this.indexOf(party)]!;
  }
}

function view(opening: SignedState, keepsRevokedStates: boolean): PartyView {
  return { latest: opening, history: keepsRevokedStates ? [opening] : undefined, settled: false, finalizeDue: undefined, pending: undefined };
}
