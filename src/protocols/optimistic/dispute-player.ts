import { account, type Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { World } from '../../kernel/world.ts';
import { midpoint, outcomeAt, paddedSteps, turnDeadline, type DisputeGame } from '../../l1/contracts/dispute-game.ts';
import type { StepWitness } from '../../l1/contracts/one-step-proof.ts';
import type { TxId } from '../../l1/L1.ts';
import type { RollupContracts } from '../rollup/contracts.ts';
import type { Derivation } from '../rollup/derivation.ts';
import { SegmentTrace } from './trace.ts';

/** How a player paces its moves: at once, or at the last block its clock allows (a delay attacker). */
export type Pace = 'prompt' | 'stall';

/**
 * One party's side of dispute games, played from its own trace of each disputed segment.
 * It never sends a second transaction for a game while one is still pending, and wakes at
 * the deadlines that matter (its own last move under `stall`, the other side's timeout).
 */
export class DisputePlayer {
  readonly address: Address;
  /** Each move sent, with the first block it was meant for. */
  private pending = new Map<string, { readonly id: TxId; readonly meantFor: number }>();
  private traces = new Map<number, SegmentTrace | undefined>();
  private scheduled = new Set<number>();

  constructor(
    readonly name: string,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    /** The trace this player stands behind for a commitment's segment; undefined: it cannot judge it. */
    private readonly traceFor: (derivation: Derivation, fromBatch: number, toBatch: number, commitmentIndex: number) => SegmentTrace | undefined,
    readonly pace: Pace = 'prompt',
  ) {
    this.address = account(name).address;
  }

  /** Plays every open game where it is `side`'s turn and this player is that side. */
  async play(world: World, side: 'proposer' | 'challenger', onWake: (height: number) => void): Promise<void> {
    const { commitments } = this.contracts;
    const total = await commitments.gameCount();
    for (let id = 0; id < total; id++) {
      const game = (await commitments.game(id))!;
      if (game.status !== 'open' || game[side].toLowerCase() !== this.address.toLowerCase()) continue;
      if (game.turn !== side) {
        // The other side's clock: settle the game the block after it runs out.
        onWake(turnDeadline(game) + 1);
        continue;
      }
      if (outcomeAt(game, world.height + 1) !== 'open') continue;
      if (this.pace === 'stall' && world.height + 1 < turnDeadline(game)) {
        onWake(turnDeadline(game) - 1);
        continue;
      }
      await this.move(world, game, side);
    }
  }

  /** Sends a transaction unless one under the same key is still pending. */
  async send(world: World, key: string, summary: string, sendTx: () => Promise<TxId>): Promise<void> {
    if (this.busy(world, key)) return;
    this.pending.set(key, { id: await sendTx(), meantFor: world.height + 1 });
    await world.step('action', this.name, summary);
  }

  /**
   * A transaction under `key` is pending, or was refused: the same move is never retried
   * (keys name the game state they answer) — unless a reorg re-mined it in a block before
   * the one it was meant for. A timeout sent once the clock ran out, re-mined a block
   * early, is refused for "still has time": that refusal is the reorg's, not the move's,
   * and a settlement nobody retried left an honest root rejected by its clock yet still
   * the latest live one, so every user's proposal built on a dead root.
   */
  busy(world: World, key: string): boolean {
    const sent = this.pending.get(key);
    if (sent === undefined) return false;
    const receipt = world.l1.receipt(sent.id);
    if (receipt.status === 'success') return false;
    return !(receipt.status === 'reverted' && receipt.block! < sent.meantFor);
  }

  wake(world: World, height: number, act: () => Promise<void>): void {
    if (height <= world.height || this.scheduled.has(height)) return;
    this.scheduled.add(height);
    world.at(height, `${this.name} checks its dispute games`, async () => {
      this.scheduled.delete(height);
      await act();
    });
  }

  private async trace(commitmentIndex: number): Promise<SegmentTrace | undefined> {
    if (!this.traces.has(commitmentIndex)) {
      const c = (await this.contracts.commitments.commitment(commitmentIndex))!;
      const parent = (await this.contracts.commitments.commitment(c.parentIndex!))!;
      this.traces.set(commitmentIndex, this.traceFor(this.derivation, parent.batchCount, c.batchCount, commitmentIndex));
    }
    return this.traces.get(commitmentIndex);
  }

  private async move(world: World, game: DisputeGame, side: 'proposer' | 'challenger'): Promise<void> {
    const trace = await this.trace(game.commitmentIndex);
    if (!trace) return;
    const { commitments } = this.contracts;
    const from = { from: this.address };
    const key = `game:${game.id}:${game.lo}:${game.hi}:${game.turn}:${game.midRoot ?? ''}:${game.stepCount ?? ''}`;
    if (side === 'proposer') {
      if (game.stepCount === undefined) {
        const width = paddedSteps(trace.stepCount);
        const mid = trace.rootAt(midpoint({ lo: 0, hi: width }));
        return this.send(world, key, `states the ${trace.stepCount}-step segment of game ${game.id} and its root at the midpoint`, () =>
          commitments.answer(from, game.id, trace.stepCount, trace.messagesRoot, mid),
        );
      }
      const at = midpoint(game);
      return this.send(world, key, `bisects game ${game.id}: root at step ${at} is ${shortRoot(trace.rootAt(at))}`, () => commitments.bisect(from, game.id, trace.rootAt(at)));
    }
    if (game.midRoot !== undefined) {
      const at = midpoint(game);
      const agree = trace.rootAt(at) === game.midRoot;
      return this.send(world, key, `${agree ? 'agrees' : 'disagrees'} with the root at step ${at} in game ${game.id} (steps ${game.lo}…${game.hi})`, () =>
        commitments.respond(from, game.id, agree),
      );
    }
    if (game.stepCount !== undefined && game.hi - game.lo === 1) {
      const witness = game.lo < trace.stepCount ? trace.witness(game.lo) : emptyWitness(game.loRoot);
      return this.send(world, key, `proves step ${game.lo} of game ${game.id} on L1 (one-step re-execution)`, () => commitments.oneStep(from, game.id, witness));
    }
  }
}

export function shortRoot(root: Hex): string {
  return root.slice(0, 10);
}

/** Past the segment's last message the step is the identity: the contract reads no witness. */
function emptyWitness(root: Hex): StepWitness {
  const zero = root.replace(/[0-9a-f]/gi, '0').replace(/^0{2}/, '0x') as Hex;
  return { pre: { accountsRoot: zero, withdrawalsRoot: zero, accountCount: 0, withdrawalCount: 0 }, message: { kind: 'deposit', to: zero.slice(0, 42) as Address, amountWei: 0n }, messageSiblings: [], accounts: [], withdrawalSiblings: [] };
}

/** The honest trace, from this party's own derivation. */
export function honestTrace(derivation: Derivation, fromBatch: number, toBatch: number): SegmentTrace | undefined {
  return SegmentTrace.honest(derivation, fromBatch, toBatch);
}
