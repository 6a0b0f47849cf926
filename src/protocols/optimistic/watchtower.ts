import type { Actor, Role } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { RollupContracts } from '../rollup/contracts.ts';
import type { Derivation } from '../rollup/derivation.ts';
import { DisputePlayer, honestTrace, shortRoot, type Pace } from './dispute-player.ts';
import type { SegmentTrace } from './trace.ts';

/**
 * The permissionless challenger: a node that derives the chain from L1 itself and
 * challenges, within the window, every root that disagrees with its derivation, then plays
 * the game to the one-step proof. It also settles what anyone may settle — games whose
 * mover ran out of time, bonds of final roots — so a user who proposed its own root in
 * recovery gets its bond back. It stays online when the operator disappears.
 */
export class Watchtower implements Actor {
  readonly role: Role = 'challenger';
  readonly player: DisputePlayer;

  constructor(
    readonly name: string,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    private readonly challengeWindowBlocks: number,
  ) {
    this.player = new DisputePlayer(name, contracts, derivation, honestTrace);
  }

  get address() {
    return this.player.address;
  }

  async onBlock(world: World): Promise<void> {
    await this.act(world);
  }

  async act(world: World): Promise<void> {
    if (!world.isOnline(this.name) || !world.actorsWith(this.role).includes(this)) return;
    const wake = (height: number) => this.player.wake(world, height, () => this.act(world));
    await this.watchRoots(world, wake);
    await this.player.play(world, 'challenger', wake);
    await this.settleGames(world, wake);
  }

  private async watchRoots(world: World, wake: (height: number) => void): Promise<void> {
    const { commitments } = this.contracts;
    this.derivation.sync();
    const count = await commitments.count();
    const next = world.height + 1;
    for (let i = 1; i < count; i++) {
      const c = (await commitments.commitment(i))!;
      const closes = c.postedBlock + this.challengeWindowBlocks;
      if ((await commitments.bondOf(i)) === 'held') {
        if ((await commitments.isFinalAt(i, next)) || ((await commitments.isRejectedAt(c.parentIndex!, next)) && c.parentIndex! > 0)) {
          await this.player.send(world, `bond:${i}`, `returns the bond of root ${i} to its proposer`, () => commitments.reclaimBond({ from: this.address }, i));
        } else wake(closes);
      }
      if (next >= closes || (await commitments.isRejectedAt(i, next)) || (await this.challenged(i))) continue;
      const derived = this.derivation.rootsAfter(c.batchCount);
      if (derived === undefined || derived.stateRoot === c.stateRoot) continue;
      const bond = await commitments.challengerBondWei();
      await this.player.send(world, `challenge:${i}`, `challenges root ${i} (${shortRoot(c.stateRoot)}): its derivation gives ${shortRoot(derived.stateRoot)}`, () =>
        commitments.challenge({ from: this.address, value: bond }, i),
      );
    }
  }

  private async challenged(index: number): Promise<boolean> {
    const { commitments } = this.contracts;
    for (const id of await commitments.gamesOf(index)) {
      const g = (await commitments.game(id))!;
      if (g.challenger.toLowerCase() === this.address.toLowerCase()) return true;
    }
    return false;
  }

  /** Games whose mover ran out of time (or whose root died with an ancestor) are settled, whoever played them. */
  private async settleGames(world: World, wake: (height: number) => void): Promise<void> {
    const { commitments } = this.contracts;
    const total = await commitments.gameCount();
    for (let id = 0; id < total; id++) {
      const g = (await commitments.game(id))!;
      if (g.status !== 'open') continue;
      const expired = world.height + 1 - g.turnSince > g.clockLeft[g.turn];
      // Wake when the mover's clock runs out, even in games it does not play: once the operator is gone
      // nobody else settles an undefended root's game, and the users building on it wait for that.
      if (!expired) wake(g.turnSince + g.clockLeft[g.turn]);
      if (!expired && !(await this.deadAncestor(g.commitmentIndex, world.height + 1))) continue;
      await this.player.send(world, `timeout:${id}`, `settles game ${id}: ${expired ? `the ${g.turn} side ran out of time` : 'its root died with an ancestor'}`, () =>
        commitments.timeout({ from: this.address }, id),
      );
    }
  }

  private async deadAncestor(index: number, height: number): Promise<boolean> {
    const c = (await this.contracts.commitments.commitment(index))!;
    return c.parentIndex! > 0 && (await this.contracts.commitments.isRejectedAt(c.parentIndex!, height));
  }
}

/**
 * The proposer side of games against a proposer's roots: the operator's defends with its
 * honest derivation; a forger's with its lying trace. Only the proposer itself moves for
 * its root (its bond is what is at stake).
 */
export class RootDefense implements Actor {
  readonly player: DisputePlayer;

  constructor(
    readonly name: string,
    readonly role: Role,
    proposerName: string,
    contracts: RollupContracts,
    derivation: Derivation,
    traceFor: (derivation: Derivation, fromBatch: number, toBatch: number, commitmentIndex: number) => SegmentTrace | undefined = honestTrace,
    pace: Pace = 'prompt',
  ) {
    this.player = new DisputePlayer(proposerName, contracts, derivation, traceFor, pace);
  }

  async onBlock(world: World): Promise<void> {
    await this.act(world);
  }

  async act(world: World): Promise<void> {
    if (!world.isOnline(this.name) || !world.actorsWith(this.role).includes(this)) return;
    await this.player.play(world, 'proposer', (h) => this.player.wake(world, h, () => this.act(world)));
  }
}
