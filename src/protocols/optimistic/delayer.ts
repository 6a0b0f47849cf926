import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { RollupContracts } from '../rollup/contracts.ts';
import type { Derivation } from '../rollup/derivation.ts';
import { DisputePlayer, shortRoot } from './dispute-player.ts';
import { SegmentTrace } from './trace.ts';

/**
 * The delay attacker of Offchain Labs' "delay attacks": it sacrifices bonds to hold honest
 * roots back. It challenges each honest root `games` times at the last block of its
 * window, disagrees with every midpoint, and makes every move at the last block its clock
 * allows — it cannot win, only stall. Games run in parallel, so the root still confirms
 * within the window plus two clocks.
 */
export class DisputeDelayer implements Actor {
  readonly role = 'adversary' as const;
  readonly player: DisputePlayer;
  private opened = new Set<number>();

  constructor(
    readonly name: string,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    private readonly windowBlocks: number,
    private readonly games: number,
  ) {
    // A trace that differs from the honest one from step 1 on: it disagrees with every root the proposer names.
    const contrary = (d: Derivation, from: number, to: number) =>
      SegmentTrace.lying(d, from, to, { step: 0, beneficiary: this.player.address, amountWei: 1n }) ?? SegmentTrace.honest(d, from, to);
    this.player = new DisputePlayer(name, contracts, derivation, contrary, 'stall');
  }

  async onBlock(world: World): Promise<void> {
    await this.act(world);
  }

  async act(world: World): Promise<void> {
    // The adversary acts only in the safety phase; in recovery it has stopped.
    if (world.phase !== 'safety' || !world.actorsWith(this.role).includes(this)) return;
    const wake = (h: number) => this.player.wake(world, h, () => this.act(world));
    await this.challengeLate(world, wake);
    await this.player.play(world, 'challenger', wake);
  }

  private async challengeLate(world: World, wake: (h: number) => void): Promise<void> {
    const { commitments } = this.contracts;
    this.derivation.sync();
    const count = await commitments.count();
    for (let i = 1; i < count; i++) {
      if (this.opened.has(i)) continue;
      const c = (await commitments.commitment(i))!;
      const last = c.postedBlock + this.windowBlocks - 1;
      if (world.height + 1 > last || this.derivation.rootsAfter(c.batchCount)?.stateRoot !== c.stateRoot) continue;
      if (world.height + 1 < last) {
        wake(last - 1);
        continue;
      }
      this.opened.add(i);
      const bond = await commitments.challengerBondWei();
      for (let g = 0; g < this.games; g++) {
        await this.player.send(world, `challenge:${i}:${g}`, `challenges honest root ${i} (${shortRoot(c.stateRoot)}) at the end of its window, to stall it (${g + 1} of ${this.games})`, () =>
          commitments.challenge({ from: this.player.address, value: bond }, i),
        );
      }
    }
  }
}
