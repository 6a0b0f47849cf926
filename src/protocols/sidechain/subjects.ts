import { nameOf } from '../../crypto/accounts.ts';
import type { ConservationSubject } from '../../invariants/conservation.ts';
import type { RecoverabilitySubject } from '../../invariants/l1-recoverability.ts';
import type { World } from '../../kernel/world.ts';
import type { ProtocolInstance } from '../define.ts';
import type { SidechainSession } from './session.ts';

/** One thing the system owes a user: a sidechain balance, a peg-in not credited yet, or a burned peg-out L1 has not paid. */
export interface Obligation {
  readonly user: string;
  readonly amountWei: bigint;
  readonly what: 'balance' | 'uncredited peg-in' | 'unpaid peg-out';
}

/**
 * Everything owed, from ground truth: L1's peg-in events and the bridge's paid ids, and
 * the sidechain blocks users accepted (signed by k members).
 */
export async function obligations(world: World, session: SidechainSession): Promise<Obligation[]> {
  const { ledger, federation, bridge } = session;
  const out: Obligation[] = session.userNames.map((user) => ({ user, amountWei: ledger.balance(user), what: 'balance' as const }));
  for (const log of federation.pegInLogs(world)) {
    if (!ledger.isCredited(log.args.id as number)) out.push({ user: nameOf(log.args.recipient as string), amountWei: log.args.amountWei as bigint, what: 'uncredited peg-in' });
  }
  for (const pegOut of ledger.burned) {
    if (!(await bridge.isPaid(pegOut.id))) out.push({ user: pegOut.user, amountWei: pegOut.amountWei, what: 'unpaid peg-out' });
  }
  return out.filter((o) => o.amountWei > 0n);
}

export function sidechainSubjects(session: SidechainSession): ProtocolInstance['subjects'] {
  const conservation: ConservationSubject = {
    // The bridge's ETH against the sidechain supply plus value in flight either way.
    async ledger(world) {
      const inFlight = (await obligations(world, session)).filter((o) => o.what !== 'balance').reduce((sum, o) => sum + o.amountWei, 0n);
      return { escrowWei: await world.l1.balanceOf(session.bridge.address), owedWei: session.ledger.supply() + inFlight };
    },
  };
  const recoverability: RecoverabilitySubject = {
    async claims(world) {
      return session.userNames.map((user) => ({ party: user, entitledWei: session.entitledAtRecovery(user), recoveredWei: session.paidSinceRecovery(world, user) }));
    },
  };
  return { conservation, 'l1-recoverability': recoverability };
}
