import type { Address } from '../../../crypto/accounts.ts';
import type { Hex } from '../../../crypto/keccak.ts';
import { midpoint, outcomeAt, paddedSteps, type DisputeGame, type GameStatus } from '../../contracts/dispute-game.ts';
import { executeStep, type StepWitness } from '../../contracts/one-step-proof.ts';
import { BURN_ADDRESS, fraudProofRulesOf, type BondStatus, type FraudProofRules, type StateCommitment, type StateCommitmentsParams } from '../../contracts/state-commitments.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

/**
 * State commitments, bonds and dispute games in one contract, as its Solidity twin
 * (contracts/StateCommitments.sol, with the one-step proof inlined from the
 * OneStepProof.sol library) keeps them: commitments, bonds, games, games per commitment.
 */
export class StateCommitments {
  private readonly commitments: Mapping<number, StateCommitment>;
  private readonly total: Slot<number>;
  private readonly bonds: Mapping<number, { readonly status: BondStatus; readonly wei: bigint }>;
  /** Rejected by a settled game lost by the proposer side (descendants die through `parentIndex`). */
  private readonly rejected: Mapping<number, number>;
  private readonly games: Mapping<number, DisputeGame>;
  private readonly gameTotal: Slot<number>;
  private readonly gamesByCommitment: Mapping<number, readonly number[]>;
  private readonly rules: FraudProofRules;

  constructor(
    env: ContractEnv,
    private readonly params: StateCommitmentsParams,
  ) {
    this.commitments = env.mapping();
    this.total = env.slot(1);
    this.bonds = env.mapping();
    this.rejected = env.mapping();
    this.games = env.mapping();
    this.gameTotal = env.slot(0);
    this.gamesByCommitment = env.mapping();
    this.rules = fraudProofRulesOf(params);
    this.commitments.set(0, { index: 0, stateRoot: params.genesisRoot, batchCount: 0, proposer: env.address, postedBlock: 0, parentIndex: -1 });
  }

  propose(ctx: CallContext, stateRoot: Hex, batchCount: number, parentIndex: number): void {
    const latest = this.latest();
    require(parentIndex === latest, `commitment ${parentIndex} is not the latest live one (${latest})`);
    const parent = this.commitments.get(latest)!;
    require(ctx.value === this.rules.proposerBondWei, `a proposal needs a bond of exactly ${this.rules.proposerBondWei} wei`);
    require(batchCount > parent.batchCount, `commitment must cover more than ${parent.batchCount} batches`);
    const posted = ctx.view<number>(this.params.rollupInbox, 'batchCount', []);
    require(batchCount <= posted, `only ${posted} batches are in the inbox`);
    const commitment: StateCommitment = { index: this.total.value, stateRoot, batchCount, proposer: ctx.sender, postedBlock: ctx.block.number, parentIndex };
    this.commitments.set(commitment.index, commitment);
    this.bonds.set(commitment.index, { status: 'held', wei: ctx.value });
    this.total.set(commitment.index + 1);
    ctx.emit('StateCommitted', { ...commitment });
  }

  challenge(ctx: CallContext, commitmentIndex: number): void {
    require(this.rules.challengesEnabled, 'this rollup has no fraud proofs: roots cannot be challenged');
    const c = this.commitments.get(commitmentIndex);
    require(c !== undefined && commitmentIndex > 0, `no commitment ${commitmentIndex} to challenge`);
    require(ctx.block.number < c.postedBlock + this.params.challengeWindowBlocks, `the challenge window of commitment ${commitmentIndex} has closed`);
    require(!this.isRejectedAt(commitmentIndex, ctx.block.number), `commitment ${commitmentIndex} is already rejected`);
    require(ctx.value === this.rules.challengerBondWei, `a challenge needs a bond of exactly ${this.rules.challengerBondWei} wei`);
    const parent = this.commitments.get(c.parentIndex!)!;
    const clock = this.rules.clockBlocks;
    const game: DisputeGame = {
      id: this.gameTotal.value,
      commitmentIndex,
      challenger: ctx.sender,
      proposer: c.proposer,
      openedBlock: ctx.block.number,
      lo: 0,
      hi: 0,
      loRoot: parent.stateRoot,
      hiRoot: c.stateRoot,
      turn: 'proposer',
      turnSince: ctx.block.number,
      clockLeft: { proposer: clock, challenger: clock },
      rounds: 0,
      status: 'open',
    };
    this.games.set(game.id, game);
    this.gameTotal.set(game.id + 1);
    this.gamesByCommitment.set(commitmentIndex, [...(this.gamesByCommitment.get(commitmentIndex) ?? []), game.id]);
    ctx.emit('GameOpened', { id: game.id, commitmentIndex, challenger: ctx.sender, proposer: c.proposer });
  }

  answer(ctx: CallContext, gameId: number, stepCount: number, messagesRoot: Hex, midRoot: Hex): void {
    const game = this.moving(ctx, gameId, 'proposer');
    require(game.stepCount === undefined, 'the segment was already stated');
    require(Number.isSafeInteger(stepCount) && stepCount >= 0, 'step count must be a whole number');
    const hi = paddedSteps(stepCount);
    const stated = { ...game, stepCount, messagesRoot, hi };
    if (hi === 1) return this.pass(ctx, stated, 'challenger');
    this.pass(ctx, { ...stated, midRoot }, 'challenger');
  }

  bisect(ctx: CallContext, gameId: number, midRoot: Hex): void {
    const game = this.moving(ctx, gameId, 'proposer');
    require(game.stepCount !== undefined, 'state the segment first (answer)');
    require(game.midRoot === undefined && game.hi - game.lo > 1, 'nothing to bisect');
    this.pass(ctx, { ...game, midRoot }, 'challenger');
  }

  respond(ctx: CallContext, gameId: number, agree: boolean): void {
    const game = this.moving(ctx, gameId, 'challenger');
    require(game.midRoot !== undefined, 'no midpoint root to respond to');
    const mid = midpoint(game);
    const narrowed = agree ? { ...game, lo: mid, loRoot: game.midRoot } : { ...game, hi: mid, hiRoot: game.midRoot };
    const next = { ...narrowed, midRoot: undefined, rounds: game.rounds + 1 };
    ctx.emit('Bisected', { id: gameId, lo: next.lo, hi: next.hi, rounds: next.rounds });
    this.pass(ctx, next, next.hi - next.lo === 1 ? 'challenger' : 'proposer');
  }

  oneStep(ctx: CallContext, gameId: number, witness: StepWitness): void {
    const game = this.moving(ctx, gameId, 'challenger');
    require(game.stepCount !== undefined && game.hi - game.lo === 1 && game.midRoot === undefined, 'the dispute is not down to one step');
    // Past the segment's last message a step changes nothing.
    let postRoot = game.loRoot;
    if (game.lo < game.stepCount) {
      const result = executeStep(game.loRoot, game.messagesRoot!, game.lo, witness);
      require(result.ok, `one-step proof rejected: ${result.ok ? '' : result.reason}`);
      postRoot = result.postRoot;
    }
    const fraud = postRoot !== game.hiRoot;
    ctx.emit('OneStepProven', { id: gameId, step: game.lo, postRoot, claimedRoot: game.hiRoot, fraud });
    this.settle(ctx, game, fraud ? 'challenger-won' : 'proposer-won', fraud ? `step ${game.lo} re-executed to a different root` : `step ${game.lo} re-executed to the claimed root`);
  }

  timeout(ctx: CallContext, gameId: number): void {
    const game = this.games.get(gameId);
    require(game !== undefined && game.status === 'open', `game ${gameId} is not open`);
    if (this.deadAncestor(game.commitmentIndex, ctx.block.number)) return this.settle(ctx, game, 'moot', 'the commitment died with an ancestor');
    const outcome = outcomeAt(game, ctx.block.number);
    require(outcome !== 'open', `the ${game.turn} side of game ${gameId} still has time`);
    this.settle(ctx, game, outcome, `the ${game.turn} side ran out of time`);
  }

  reclaimBond(ctx: CallContext, commitmentIndex: number): void {
    const bond = this.bonds.get(commitmentIndex);
    require(bond !== undefined && bond.status === 'held', `no bond held for commitment ${commitmentIndex}`);
    const height = ctx.block.number;
    require(this.finality(commitmentIndex, height) || this.deadAncestor(commitmentIndex, height), `commitment ${commitmentIndex} is not final`);
    this.bonds.set(commitmentIndex, { ...bond, status: 'returned' });
    const c = this.commitments.get(commitmentIndex)!;
    if (bond.wei > 0n) ctx.pay(c.proposer, bond.wei);
    ctx.emit('BondReturned', { commitmentIndex, proposer: c.proposer, amountWei: bond.wei });
  }

  count(): number {
    return this.total.value;
  }

  latest(): number {
    for (let i = this.total.value - 1; i > 0; i--) if (!this.storedRejection(i)) return i;
    return 0;
  }

  commitment(index: number): StateCommitment | undefined {
    return this.commitments.get(index);
  }

  isFinalAt(index: number, height: number): boolean {
    return this.commitments.has(index) && this.finality(index, height);
  }

  isRejectedAt(index: number, height: number): boolean {
    for (let i = index; i > 0; i = this.commitments.get(i)!.parentIndex!) if (this.lostAt(i, height)) return true;
    return false;
  }

  latestFinalAt(height: number): number {
    for (let i = this.total.value - 1; i > 0; i--) if (this.finality(i, height)) return i;
    return 0;
  }

  bondWei(): bigint {
    return this.rules.proposerBondWei;
  }

  challengerBondWei(): bigint {
    return this.rules.challengerBondWei;
  }

  bondOf(index: number): BondStatus | undefined {
    return this.bonds.get(index)?.status;
  }

  gameCount(): number {
    return this.gameTotal.value;
  }

  game(id: number): DisputeGame | undefined {
    return this.games.get(id);
  }

  gamesOf(commitmentIndex: number): readonly number[] {
    return this.gamesByCommitment.get(commitmentIndex) ?? [];
  }

  /**
   * THE FINALITY RULE. With fraud proofs: the window has passed, no game on it is still
   * running, none was lost by the proposer side, and the parent is final. Without (the
   * placeholder, and the `no-fraud-proof` twin, where no game can exist): the window alone.
   */
  private finality(index: number, height: number): boolean {
    for (let i = index; i > 0; i = this.commitments.get(i)!.parentIndex!) {
      const c = this.commitments.get(i)!;
      if (height < c.postedBlock + this.params.challengeWindowBlocks) return false;
      if (this.gamesOf(i).some((id) => outcomeAt(this.games.get(id)!, height) !== 'proposer-won' && this.games.get(id)!.status !== 'moot')) return false;
    }
    return true;
  }

  /** The proposer side lost a game on commitment `index` (settled, or its clock ran out by `height`). */
  private lostAt(index: number, height: number): boolean {
    return this.gamesOf(index).some((id) => outcomeAt(this.games.get(id)!, height) === 'challenger-won');
  }

  private storedRejection(index: number): boolean {
    for (let i = index; i > 0; i = this.commitments.get(i)!.parentIndex!) if (this.rejected.has(i)) return true;
    return false;
  }

  /** A strict ancestor of `index` was rejected. */
  private deadAncestor(index: number, height: number): boolean {
    const parent = this.commitments.get(index)!.parentIndex!;
    return parent > 0 && this.isRejectedAt(parent, height);
  }

  /** The game `gameId`, checked to be open, alive, and `side`'s turn with time left; the sender must be that side. */
  private moving(ctx: CallContext, gameId: number, side: 'proposer' | 'challenger'): DisputeGame {
    const game = this.games.get(gameId);
    require(game !== undefined && game.status === 'open', `game ${gameId} is not open`);
    require(game.turn === side, `it is the ${game.turn} side's turn in game ${gameId}`);
    require(ctx.sender.toLowerCase() === game[side].toLowerCase(), `only the ${side} moves for its side of game ${gameId}`);
    require(outcomeAt(game, ctx.block.number) === 'open', `the ${side} side of game ${gameId} ran out of time`);
    require(!this.deadAncestor(game.commitmentIndex, ctx.block.number), `commitment ${game.commitmentIndex} died with an ancestor`);
    return game;
  }

  /** Ends the mover's turn: its clock is charged for the blocks it took, the other side's starts. */
  private pass(ctx: CallContext, game: DisputeGame, next: 'proposer' | 'challenger'): void {
    const used = ctx.block.number - game.turnSince;
    const clockLeft = { ...game.clockLeft, [game.turn]: game.clockLeft[game.turn] - used };
    this.games.set(game.id, { ...game, clockLeft, turn: next, turnSince: ctx.block.number });
  }

  /** Pays out bonds: the winner gets its share of the loser's bond, the rest is burned; a moot game returns the challenger's. */
  private settle(ctx: CallContext, game: DisputeGame, status: GameStatus, reason: string): void {
    this.games.set(game.id, { ...game, status, reason });
    const share = (wei: bigint) => (wei * BigInt(this.rules.winnerShareBasisPoints)) / 10_000n;
    const challengerBond = this.rules.challengerBondWei;
    if (status === 'moot') {
      if (challengerBond > 0n) ctx.pay(game.challenger, challengerBond);
    } else if (status === 'challenger-won') {
      this.rejected.set(game.commitmentIndex, game.id);
      const bond = this.bonds.get(game.commitmentIndex)!;
      const slashed = bond.status === 'held' ? bond.wei : 0n;
      this.bonds.set(game.commitmentIndex, { ...bond, status: 'slashed' });
      ctx.pay(game.challenger, challengerBond + share(slashed));
      if (slashed - share(slashed) > 0n) ctx.pay(BURN_ADDRESS, slashed - share(slashed));
    } else {
      if (share(challengerBond) > 0n) ctx.pay(game.proposer, share(challengerBond));
      if (challengerBond - share(challengerBond) > 0n) ctx.pay(BURN_ADDRESS, challengerBond - share(challengerBond));
    }
    ctx.emit('GameResolved', { id: game.id, commitmentIndex: game.commitmentIndex, status, reason, rounds: game.rounds });
  }
}
