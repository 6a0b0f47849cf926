import type { World } from '../kernel/world.ts';
import { formatEth } from '../l1/units.ts';
import { defineInvariant } from './define.ts';

/** One honest party's stake in one channel: what its own records say against what L1 paid. */
export interface ChannelClaim {
  readonly party: string;
  /** How traces name the channel, e.g. `#1`. */
  readonly channel: string;
  /** The newest state the party co-signed, from its own records. */
  readonly latestVersion: number;
  /** The party's balance in that state. */
  readonly entitledWei: bigint;
  /** The adjudicator's record: `unfunded` if L1 never saw the channel. */
  readonly status: 'unfunded' | 'open' | 'closing' | 'settled';
  /** The version L1 paid out, once settled. */
  readonly settledVersion?: number;
  /** What the adjudicator paid the party for this channel. */
  readonly receivedWei: bigint;
}

export interface LatestStateSubject {
  claims(world: World): Promise<readonly ChannelClaim[]>;
}

/**
 * The channel promise: whatever the counterparty publishes, each honest party ends up
 * with at least its balance in the latest state it co-signed (a penalty may give it more).
 */
export const latestStateEnforced = defineInvariant<LatestStateSubject>({
  name: 'latest-state-enforced',
  kind: 'eventually',
  description: 'in a channel, each honest party receives at least its balance in the latest state it co-signed',
  async check(subject, world) {
    const short = (await subject.claims(world)).filter((c) => c.receivedWei < c.entitledWei);
    return short.map((c) => ({
      message: describe(c),
      actors: [c.party],
      amounts: { entitledWei: String(c.entitledWei), receivedWei: String(c.receivedWei) },
    }));
  },
});

function describe(c: ChannelClaim): string {
  const owed = `${formatEth(c.entitledWei)} of version ${c.latestVersion}, the latest state ${c.party} co-signed`;
  if (c.status === 'settled') {
    return `${c.party} received ${formatEth(c.receivedWei)} from channel ${c.channel}, settled at version ${c.settledVersion}, instead of the ${owed}`;
  }
  return `channel ${c.channel} is still ${c.status} on L1 after recovery: ${c.party} received nothing of the ${owed}`;
}
