import { account, nameOf } from '../../crypto/accounts.ts';
import type { ValidStateSubject } from '../../invariants/valid-state-only.ts';
import type { UnconfirmedRoot, WithdrawalFinalitySubject, WithdrawalPayment } from '../../invariants/withdrawal-finality.ts';
import type { World } from '../../kernel/world.ts';
import type { FraudProofRules, StateCommitment } from '../../l1/contracts/state-commitments.ts';
import type { RollupSession } from '../rollup/session.ts';
import { confirmationBoundBlocks } from './params.ts';
import { RootDefense, Watchtower } from './watchtower.ts';

/**
 * Adds what the optimistic finality rule needs around the shared rollup session: the
 * operator's proposer defends its roots in dispute games, an independent watchtower
 * challenges wrong ones and settles bonds, and the two fraud-proof checkers get their
 * subjects. The proposer is funded for one bond per root it can have in a window.
 */
export async function attachFraudProofs(world: World, session: RollupSession, rules: FraudProofRules): Promise<Watchtower> {
  const { contracts, derivation } = session;
  const p = session.params;
  const inFlight = BigInt(Math.ceil(p.challengeWindowBlocks / p.proposalIntervalBlocks) + 8);
  await world.l1.fund(account('proposer').address, rules.proposerBondWei * inFlight);
  world.addActor(new RootDefense('proposer-defense', 'operator', 'proposer', contracts, derivation));
  const watchtower = new Watchtower('watchtower', contracts, derivation, p.challengeWindowBlocks);
  await world.l1.fund(watchtower.address, 100n * rules.challengerBondWei + 10n ** 18n);
  world.addActor(watchtower);
  const bound = confirmationBoundBlocks(p.challengeWindowBlocks, rules.clockBlocks);
  // An undefended root (its proposer gone) loses on time within the bound; its users then propose anew.
  session.disputeAllowance = async (world) => ((await anyRootUndecided(session, world.height)) ? bound : 0);
  // The session's subjects are a plain record; the fraud-proof checkers only exist for this protocol.
  Object.assign(session.subjects, { 'valid-state-only': validState(session), 'withdrawal-finality': withdrawalFinality(session, bound) });
  return watchtower;
}

function validState(session: RollupSession): ValidStateSubject {
  const { commitments } = session.contracts;
  return {
    acceptedRoots: async (world) => {
      const roots: StateCommitment[] = [];
      const count = await commitments.count();
      for (let i = 1; i < count; i++) if (await commitments.isFinalAt(i, world.height)) roots.push((await commitments.commitment(i))!);
      return roots;
    },
    honestRoot: async (_world, batchCount) => {
      session.derivation.sync();
      return session.derivation.rootsAfter(batchCount)?.stateRoot;
    },
  };
}

function withdrawalFinality(session: RollupSession, boundBlocks: number): WithdrawalFinalitySubject {
  const { bridge, commitments } = session.contracts;
  return {
    payments: async (world) =>
      world.l1.logs({ contract: bridge.address, name: 'WithdrawalFinalized' }).map(
        (l): WithdrawalPayment => ({
          index: l.args.index as number,
          to: nameOf(l.args.to as string),
          amountWei: l.args.amountWei as bigint,
          commitmentIndex: l.args.commitmentIndex as number,
          block: l.block,
          finalWhenPaid: l.args.final as boolean,
        }),
      ),
    lateRoots: async (world) => {
      session.derivation.sync();
      const late: UnconfirmedRoot[] = [];
      const count = await commitments.count();
      for (let i = 1; i < count; i++) {
        const c = (await commitments.commitment(i))!;
        if (world.height <= c.postedBlock + boundBlocks || (await commitments.isFinalAt(i, world.height))) continue;
        // The bound holds while the proposer defends its root (only it may): a root lost on time had no defender
        // left (the operator gone); what its users are owed is l1-recoverability's to judge.
        if (await commitments.isRejectedAt(i, world.height)) continue;
        if (await agreesWithDerivation(session, i)) late.push({ index: i, postedBlock: c.postedBlock, boundBlocks });
      }
      return late;
    },
  };
}

/** The root and every ancestor's are what derivation gives: an honest chain of roots. */
async function agreesWithDerivation(session: RollupSession, index: number): Promise<boolean> {
  const { commitments } = session.contracts;
  for (let i = index; i > 0; ) {
    const c = (await commitments.commitment(i))!;
    if (session.derivation.rootsAfter(c.batchCount)?.stateRoot !== c.stateRoot) return false;
    i = c.parentIndex!;
  }
  return true;
}

/** A root neither final nor rejected yet: it may still be challenged, or is being disputed. */
async function anyRootUndecided(session: RollupSession, height: number): Promise<boolean> {
  const { commitments } = session.contracts;
  const count = await commitments.count();
  for (let i = 1; i < count; i++) if (!(await commitments.isFinalAt(i, height)) && !(await commitments.isRejectedAt(i, height))) return true;
  return false;
}
