import type { World } from '../../kernel/world.ts';
import type { ConservationSubject } from '../../invariants/conservation.ts';
import type { RecoverabilitySubject } from '../../invariants/l1-recoverability.ts';
import type { ChannelClaim, LatestStateSubject } from '../../invariants/latest-state-enforced.ts';
import type { ProtocolInstance } from '../define.ts';
import type { ChannelSession } from './session.ts';

/**
 * What the checkers read, all from ground truth: the adjudicator's records and ETH on L1,
 * and the honest parties' own co-signed states — never what the counterparty claims.
 */
export function channelSubjects(session: ChannelSession): ProtocolInstance['subjects'] {
  const conservation: ConservationSubject = {
    // Before settlement a channel owes the sum of its latest co-signed balances; after, nothing remains to pay.
    async ledger(world: World) {
      let owedWei = 0n;
      for (const channel of session.channels) {
        const record = await session.adjudicator.channel(channel.id);
        if (!record || record.status === 'settled') continue;
        const keeper = channel.parties.find((p) => p.role === 'honest') ?? channel.parties[0];
        const [b0, b1] = channel.viewOf(keeper).latest.state.balances;
        owedWei += b0 + b1;
      }
      return { escrowWei: await world.l1.balanceOf(session.adjudicator.address), owedWei };
    },
  };
  const latestState: LatestStateSubject = { claims: () => claims(session) };
  const recoverability: RecoverabilitySubject = {
    async claims() {
      const all = await claims(session);
      return session.honest.map((party) => {
        const mine = all.filter((c) => c.party === party.name);
        return {
          party: party.name,
          entitledWei: mine.reduce((sum, c) => sum + c.entitledWei, 0n),
          recoveredWei: mine.reduce((sum, c) => sum + c.receivedWei, 0n),
        };
      });
    },
  };
  return { conservation, 'latest-state-enforced': latestState, 'l1-recoverability': recoverability };
}

async function claims(session: ChannelSession): Promise<ChannelClaim[]> {
  const out: ChannelClaim[] = [];
  for (const party of session.honest) {
    for (const channel of party.channels) {
      const me = channel.indexOf(party);
      const latest = channel.views[me].latest.state;
      const record = await session.adjudicator.channel(channel.id);
      const settled = record?.status === 'settled';
      out.push({
        party: party.name,
        channel: channel.name,
        latestVersion: latest.version,
        entitledWei: latest.balances[me],
        status: record?.status ?? 'unfunded',
        settledVersion: settled ? record.version : undefined,
        receivedWei: settled ? record.payouts[me] : 0n,
      });
    }
  }
  return out;
}
