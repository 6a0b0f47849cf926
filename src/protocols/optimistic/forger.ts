import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { WithdrawalLeaf } from '../../l1/contracts/rollup-state.ts';
import { formatEth } from '../../l1/units.ts';
import type { RollupContracts } from '../rollup/contracts.ts';
import type { Derivation } from '../rollup/derivation.ts';
import { DisputePlayer, shortRoot } from './dispute-player.ts';
import { SegmentTrace } from './trace.ts';

/**
 * A proposer that lies: it proposes the root of the next segment with one step corrupted
 * (value minted to itself and withdrawn), defends it in every dispute with its lying
 * intermediate roots, and tries to take the minted withdrawal from the bridge — at once
 * (premature), and again when the window would have made the root final.
 */
export class RootForger implements Actor {
  readonly role = 'adversary' as const;
  readonly player: DisputePlayer;
  private trace: SegmentTrace | undefined;
  private index: number | undefined;
  private attempts: number[] = [];

  constructor(
    readonly name: string,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    private readonly lie: { readonly step: number; readonly amountWei: bigint },
    private readonly windowBlocks: number,
  ) {
    this.player = new DisputePlayer(name, contracts, derivation, (_d, _f, _t, i) => (i === this.index ? this.trace : undefined));
  }

  get proposedIndex(): number | undefined {
    return this.index;
  }

  async onBlock(world: World): Promise<void> {
    await this.act(world);
  }

  async act(world: World): Promise<void> {
    // The adversary acts only in the safety phase; in recovery it has stopped.
    if (world.phase !== 'safety' || !world.actorsWith(this.role).includes(this)) return;
    if (!this.trace) return this.propose(world);
    if (this.index === undefined) await this.locate(world);
    await this.player.play(world, 'proposer', (h) => this.player.wake(world, h, () => this.act(world)));
    await this.withdraw(world);
  }

  private async propose(world: World): Promise<void> {
    const { commitments, inbox } = this.contracts;
    this.derivation.sync();
    const parentIndex = await commitments.latest();
    const parent = (await commitments.commitment(parentIndex))!;
    const upTo = Math.min(this.derivation.derivedBatchCount, await inbox.batchCount());
    if (upTo <= parent.batchCount) return;
    const honest = SegmentTrace.honest(this.derivation, parent.batchCount, upTo);
    if (!honest || honest.stepCount === 0) return;
    const step = Math.min(this.lie.step, honest.stepCount - 1);
    this.trace = SegmentTrace.lying(this.derivation, parent.batchCount, upTo, { step, beneficiary: this.player.address, amountWei: this.lie.amountWei })!;
    const trace = this.trace;
    await this.player.send(world, 'propose', `proposes a forged root ${shortRoot(trace.finalRoot)} after ${upTo} inbox entries: step ${step} of ${trace.stepCount} mints ${formatEth(this.lie.amountWei)} to itself`, async () =>
      commitments.propose({ from: this.player.address, value: await commitments.bondWei() }, trace.finalRoot, upTo, parentIndex),
    );
  }

  private async locate(world: World): Promise<void> {
    const { commitments } = this.contracts;
    const count = await commitments.count();
    for (let i = count - 1; i > 0; i--) {
      const c = (await commitments.commitment(i))!;
      if (c.proposer.toLowerCase() === this.player.address.toLowerCase() && c.stateRoot === this.trace!.finalRoot) {
        this.index = i;
        // Withdraw at once (the premature attempt), then when the window would have made the root final.
        this.attempts = [world.height + 1, c.postedBlock + this.windowBlocks + 1];
        for (const h of this.attempts) this.player.wake(world, h, () => this.act(world));
        return;
      }
    }
    if (!this.player.busy(world, 'propose')) this.trace = undefined;
  }

  private async withdraw(world: World): Promise<void> {
    if (this.index === undefined || this.attempts.length === 0 || world.height + 1 < this.attempts[0]!) return;
    this.attempts.shift();
    const leaf = this.mintedLeaf();
    if (await this.contracts.bridge.isPaid(leaf.index)) return;
    const state = this.trace!.state;
    const roots = state.roots();
    const proof = { accountsRoot: roots.accountsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount, siblings: state.withdrawalProof(leaf.index, roots.withdrawalCount) };
    const index = this.index;
    await this.player.send(world, `withdraw:${this.attempts.length}`, `claims its minted withdrawal #${leaf.index} (${formatEth(leaf.amountWei)}) against forged root ${index}`, () =>
      this.contracts.bridge.finalizeWithdrawal({ from: this.player.address }, index, leaf, proof),
    );
  }

  private mintedLeaf(): WithdrawalLeaf {
    const me = this.player.address.toLowerCase();
    const mine = this.trace!.state.withdrawals.filter((w) => w.to === me && w.amountWei === this.lie.amountWei);
    return mine[mine.length - 1]!;
  }
}
