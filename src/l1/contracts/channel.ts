import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { ChannelAdjudicator } from '../memory/contracts/channel.ts';
import type { ChannelState, SigningDomain } from './channel-state.ts';

export type ChannelStatus = 'open' | 'closing' | 'settled';

/** What the adjudicator records for one channel (a view returns it; contracts replace it, never mutate it). */
export interface ChannelRecord {
  readonly participants: readonly [Address, Address];
  readonly capacityWei: bigint;
  /** Wei the adjudicator still holds for this channel. */
  readonly heldWei: bigint;
  readonly status: ChannelStatus;
  /** The registered state while closing; the settled one after. */
  readonly version: number;
  readonly balances: readonly [bigint, bigint];
  /** Who started the unilateral close (the zero address when none or cooperative). */
  readonly closer: Address;
  /** First L1 block at which `finalize` is accepted; challenges must land before it. */
  readonly finalizesAt: number;
  /** A strictly newer state showed the closer published a revoked one (penalty mode). */
  readonly penalized: boolean;
  readonly payouts: readonly [bigint, bigint];
}

/**
 * Adjudicator rules a variant may switch off, one mitigation per field. The secure
 * contract has a positive window, requires a strictly newer version to override, and
 * binds signatures to the channel id.
 */
export interface AdjudicatorParams {
  /** Chain id in every signed digest (block.chainid in Solidity). */
  readonly chainId: bigint;
  /** Blocks after a unilateral close during which a newer state may override it. */
  readonly challengePeriodBlocks: number;
  /** LN-style justice: whoever is shown to have closed with a stale state forfeits its balance. */
  readonly penalty: boolean;
  /** An override must carry a strictly greater version (Perun, ForceMove). */
  readonly requiresNewerVersion: boolean;
  /** The channel id is part of the signed digest. */
  readonly bindsChannel: boolean;
}

/**
 * The L1 side of a two-party payment channel: funding, unilateral close → challenge
 * window → finalize, cooperative conclusion, and payouts. Methods are transactions;
 * views are reads.
 */
export interface ChannelAdjudicatorFacade {
  /** Funds a channel with the whole capacity (msg.value) from the opener, LN-style single funding. */
  open(tx: TxOptions, counterparty: Address, nonce: bigint): Promise<TxId>;
  /** A participant registers a co-signed state and starts the challenge window. */
  close(tx: TxOptions, state: ChannelState, sigs: readonly [Hex, Hex]): Promise<TxId>;
  /** Anyone (a party or its watchtower) overrides the registered state during the window. */
  challenge(tx: TxOptions, state: ChannelState, sigs: readonly [Hex, Hex]): Promise<TxId>;
  /** Anyone pays out the registered state once the window is over. */
  finalize(tx: TxOptions, channelId: Hex): Promise<TxId>;
  /** Pays out a co-signed final state at once: the cooperative close. */
  conclude(tx: TxOptions, state: ChannelState, sigs: readonly [Hex, Hex]): Promise<TxId>;

  channel(channelId: Hex): Promise<ChannelRecord | undefined>;
  /** Wei held for all channels together. */
  held(): Promise<bigint>;
  signingDomain(): Promise<SigningDomain>;
  challengePeriodBlocks(): Promise<number>;
  penaltyMode(): Promise<boolean>;
}

export const channelAdjudicator: ContractSpec<ChannelAdjudicatorFacade, AdjudicatorParams> = {
  name: 'ChannelAdjudicator',
  views: ['channel', 'held', 'signingDomain', 'challengePeriodBlocks', 'penaltyMode'],
  memory: (env, params) => new ChannelAdjudicator(env, params),
  // contracts/ChannelAdjudicator.sol: each twin is one of these flags switched off.
  constructorArgs: (p) => [p.chainId, p.challengePeriodBlocks, p.penalty, p.requiresNewerVersion, p.bindsChannel],
  fromSolidity: { channel: channelRecordFromSolidity },
};

/** Solidity's `Status` enum, in declaration order; `None` is a channel that does not exist. */
const SOLIDITY_STATUS = [undefined, 'open', 'closing', 'settled'] as const;

/** The Solidity record as the TS view returns it: no channel → undefined, the status by name. */
function channelRecordFromSolidity(value: unknown): ChannelRecord | undefined {
  const record = value as Omit<ChannelRecord, 'status'> & { status: number };
  const status = SOLIDITY_STATUS[record.status];
  return status === undefined ? undefined : { ...record, status };
}
