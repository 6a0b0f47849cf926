import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { TxId } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import type { RollupUser } from '../rollup/user.ts';
import type { ZkSession } from './session.ts';

/**
 * A user's own L1 client for the zk rollup's last resort: when one of its forced requests
 * has waited past the deadline it freezes the rollup, and once the rollup is frozen it
 * takes its balance out with a Merkle proof against the last verified root and reclaims
 * deposits no verified batch credited. It reads only L1 and its own replay of verified
 * batches, never the operator.
 */
export class EscapeClient implements Actor {
  readonly role = 'honest' as const;
  readonly name: string;
  private inFlight: TxId | undefined;
  private gaveUp = false;
  /** Each request is frozen on, each verified root escaped against, each deposit reclaimed once, unless that call reverted. */
  private readonly attempts = new Attempts();
  private scheduled = new Set<number>();
  /** Spreads users who wait for the same deadline over a few blocks, as RollupUser does. */
  private readonly reactionBlocks: number;

  constructor(
    private readonly user: RollupUser,
    private readonly session: ZkSession,
  ) {
    this.name = `${user.name}-escape`;
    this.reactionBlocks = Number.parseInt(user.address.slice(2, 4), 16) % 8;
  }

  async onBlock(world: World): Promise<void> {
    await this.poll(world);
  }

  async poll(world: World): Promise<void> {
    if (!world.isOnline(this.user.name)) return;
    if (this.inFlight && world.l1.receipt(this.inFlight).status === 'pending') return;
    const { verifier } = this.session.contracts;
    if (!(await verifier.isFrozen())) return this.freezeIfOverdue(world);
    if (await this.escape(world)) return;
    await this.reclaimDeposit(world);
  }

  private async freezeIfOverdue(world: World): Promise<void> {
    const deadline = this.session.params.forcedRequestDeadlineBlocks;
    if (deadline === null) return;
    const { verifier } = this.session.contracts;
    const read = await verifier.verifiedDelayedRead();
    const derivation = this.session.rollup.derivation;
    derivation.sync();
    const request = derivation.delayed.find((m) => m.index >= read && m.kind === 'transaction' && m.sender === this.user.address);
    if (!request || !this.attempts.may(`freeze:${request.index}`, world)) return;
    const due = request.block + deadline + this.reactionBlocks;
    // A transaction sent now executes in the next block.
    if (world.height + 1 < due) return this.wake(world, due - 1);
    this.inFlight = this.attempts.record(`freeze:${request.index}`, await verifier.freeze({ from: this.user.address }, request.index));
    await world.step('action', this.user.name, `its forced request #${request.index} waited past the ${deadline}-block deadline: freezes the rollup`, { index: request.index });
  }

  /** Sends its escape if it has a balance in the last verified root; true when it sent one. */
  private async escape(world: World): Promise<boolean> {
    const { escapeHatch, verifier } = this.session.contracts;
    if (this.gaveUp || (await escapeHatch.hasEscaped(this.user.address))) return false;
    const state = await this.session.verifiedState();
    const balance = state.account(this.user.address).balanceWei;
    const proof = state.accountProof(this.user.address);
    if (balance === 0n || !proof) return false;
    const latest = (await verifier.commitment((await verifier.count()) - 1))!;
    if (state.stateRoot() !== latest.stateRoot) {
      this.gaveUp = true;
      world.record('note', this.user.name, `cannot escape: the last verified root ${latest.stateRoot.slice(0, 10)} is not the state its own re-execution gives`);
      return false;
    }
    if (!this.attempts.may(`escape:${latest.stateRoot}`, world)) return false;
    const roots = state.roots();
    this.inFlight = this.attempts.record(`escape:${latest.stateRoot}`, await escapeHatch.escape({ from: this.user.address }, this.user.address, {
      balanceWei: balance,
      nonce: state.account(this.user.address).nonce,
      index: proof.index,
      siblings: proof.siblings,
      withdrawalsRoot: roots.withdrawalsRoot,
      accountCount: roots.accountCount,
      withdrawalCount: roots.withdrawalCount,
    }));
    await world.step('action', this.user.name, `escapes with ${formatEth(balance)}: a Merkle proof of its account against the last verified root`, { balanceWei: balance });
    return true;
  }

  private async reclaimDeposit(world: World): Promise<void> {
    const { escapeHatch, verifier } = this.session.contracts;
    const read = await verifier.verifiedDelayedRead();
    for (const m of this.session.rollup.derivation.delayed) {
      if (m.index < read || m.kind !== 'deposit' || m.sender !== this.user.address || !this.attempts.may(`reclaim:${m.index}`, world) || (await escapeHatch.isReclaimed(m.index))) continue;
      this.inFlight = this.attempts.record(`reclaim:${m.index}`, await escapeHatch.reclaimDeposit({ from: this.user.address }, m.index));
      await world.step('action', this.user.name, `reclaims its deposit #${m.index} (${formatEth(m.amountWei)}) that no verified batch credited`, { index: m.index });
      return;
    }
  }

  private wake(world: World, height: number): void {
    if (this.scheduled.has(height) || height <= world.height) return;
    this.scheduled.add(height);
    world.at(height, `${this.name} checks the forced-request deadline`, async () => {
      this.scheduled.delete(height);
      await this.poll(world);
    });
  }
}

/** Sends of one call before a client stops retrying it. */
const MAX_ATTEMPTS = 3;

/**
 * A revert is usually an answer, not a reason to spam L1: each call is sent once. But an
 * L1 reorg can move a freeze back before its deadline, or an escape or reclaim before the
 * freeze it needs, and there it reverts for a reason that no longer holds. So a call that
 * reverted may be sent again, a few times at most.
 */
class Attempts {
  private readonly sent = new Map<string, TxId[]>();

  may(key: string, world: World): boolean {
    const txs = this.sent.get(key);
    if (!txs) return true;
    return txs.length < MAX_ATTEMPTS && world.l1.receipt(txs[txs.length - 1]!).status === 'reverted';
  }

  record(key: string, tx: TxId): TxId {
    this.sent.set(key, [...(this.sent.get(key) ?? []), tx]);
    return tx;
  }
}
