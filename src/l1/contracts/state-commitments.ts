import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { StateCommitments } from '../memory/contracts/state-commitments.ts';
import type { DisputeGame, GameStatus } from './dispute-game.ts';
import type { StepWitness } from './one-step-proof.ts';
import { stepWitnessToSolidity } from './rollup-solidity.ts';

/** A claimed L2 state root after the first `batchCount` inbox entries. */
export interface StateCommitment {
  readonly index: number;
  readonly stateRoot: Hex;
  readonly batchCount: number;
  readonly proposer: Address;
  readonly postedBlock: number;
  /** The commitment this one extends (its root is the segment's pre-state); -1 for the genesis root. */
  readonly parentIndex?: number;
}

/** Where a proposer's bond stands: escrowed, returned once the root is final (or died with an ancestor), or slashed by a lost dispute. */
export type BondStatus = 'held' | 'returned' | 'slashed';

/**
 * Where L2 state roots meet L1: anyone proposes the root of the chain derived from the
 * inbox, with a bond, and a root becomes final by the rollup's finality rule.
 * Permissionless proposing is what lets users exit when the operator is gone: they
 * propose the root themselves.
 *
 * Finality rules (`finality` below): `fraud-proof` — the optimistic rule: a root is
 * assumed valid unless challenged within the window; a challenge is a bisection game
 * (dispute-game.ts) ending in a one-step proof L1 re-executes (one-step-proof.ts); the
 * loser's bond is slashed, part to the winner, and a root proven wrong is rejected with
 * every commitment built on it. `placeholder-window` — a root is final once the window
 * has passed, nothing checked (for protocols whose own rule has not landed yet). Every
 * finality decision goes through `isFinalAt`.
 */
export interface StateCommitmentsFacade {
  /** Extends the latest live commitment (`parentIndex` must be it) with the root after `batchCount` inbox entries; msg.value must be the bond. */
  propose(tx: TxOptions, stateRoot: Hex, batchCount: number, parentIndex: number): Promise<TxId>;
  /** Opens a dispute game against commitment `index` within its window; msg.value must be the challenger bond. */
  challenge(tx: TxOptions, commitmentIndex: number): Promise<TxId>;
  /** The proposer side's first move: the segment's message count and message root, and the root at the first midpoint. */
  answer(tx: TxOptions, gameId: number, stepCount: number, messagesRoot: Hex, midRoot: Hex): Promise<TxId>;
  /** The proposer side names its root at the midpoint of the disputed interval. */
  bisect(tx: TxOptions, gameId: number, midRoot: Hex): Promise<TxId>;
  /** The challenger agrees (the dispute moves right) or disagrees (left) with the proposer side's midpoint root. */
  respond(tx: TxOptions, gameId: number, agree: boolean): Promise<TxId>;
  /** The challenger's last move: L1 re-executes the single disputed step from the agreed root. */
  oneStep(tx: TxOptions, gameId: number, witness: StepWitness): Promise<TxId>;
  /** Anyone: settles a game whose mover ran out of clock, or whose commitment died with an ancestor. */
  timeout(tx: TxOptions, gameId: number): Promise<TxId>;
  /** Anyone: returns a proposer's bond once its root is final or died with an ancestor. */
  reclaimBond(tx: TxOptions, commitmentIndex: number): Promise<TxId>;
  count(): Promise<number>;
  /** The newest commitment not rejected and not built on a rejected one: what the next proposal extends. */
  latest(): Promise<number>;
  commitment(index: number): Promise<StateCommitment | undefined>;
  isFinalAt(index: number, height: number): Promise<boolean>;
  /** Rejected by a lost dispute as of `height`, itself or through an ancestor. */
  isRejectedAt(index: number, height: number): Promise<boolean>;
  /** Index of the newest commitment final at `height` (0, the genesis root, at least). */
  latestFinalAt(height: number): Promise<number>;
  bondWei(): Promise<bigint>;
  challengerBondWei(): Promise<bigint>;
  bondOf(index: number): Promise<BondStatus | undefined>;
  gameCount(): Promise<number>;
  game(id: number): Promise<DisputeGame | undefined>;
  gamesOf(commitmentIndex: number): Promise<readonly number[]>;
}

export interface FraudProofRules {
  /** Escrowed with every proposal (Arbitrum's assertion stake, OP's game bond). */
  readonly proposerBondWei: bigint;
  /** Escrowed with every challenge. */
  readonly challengerBondWei: bigint;
  /** Each side's chess clock in a dispute game. */
  readonly clockBlocks: number;
  /** Share of the loser's bond paid to the winner; the rest is burned (so colluding with yourself costs). */
  readonly winnerShareBasisPoints: number;
  /** Whether challenges exist at all (twin `no-fraud-proof` turns them off). */
  readonly challengesEnabled: boolean;
}

export interface StateCommitmentsParams {
  readonly rollupInbox: Address;
  /** Root of the empty L2 state: commitment 0, final from the start. */
  readonly genesisRoot: Hex;
  /** Blocks after posting during which a root may be challenged (Arbitrum confirmPeriodBlocks, OP game clock and proof maturity). */
  readonly challengeWindowBlocks: number;
  readonly finality: 'placeholder-window' | 'fraud-proof';
  /** Required with `fraud-proof`. */
  readonly fraudProof?: FraudProofRules;
}

/** Where slashed bond remainders go. */
export const BURN_ADDRESS = '0x000000000000000000000000000000000000dead' as Address;

/** The `placeholder-window` finality: no bonds, no challenges, the window alone. */
const NO_FRAUD_PROOFS: FraudProofRules = { proposerBondWei: 0n, challengerBondWei: 0n, clockBlocks: 0, winnerShareBasisPoints: 0, challengesEnabled: false };

/** The rules a contract with these params plays by, in either finality mode. */
export function fraudProofRulesOf(params: StateCommitmentsParams): FraudProofRules {
  return params.finality === 'fraud-proof' ? params.fraudProof! : NO_FRAUD_PROOFS;
}

export const stateCommitments: ContractSpec<StateCommitmentsFacade, StateCommitmentsParams> = {
  name: 'StateCommitments',
  views: ['count', 'latest', 'commitment', 'isFinalAt', 'isRejectedAt', 'latestFinalAt', 'bondWei', 'challengerBondWei', 'bondOf', 'gameCount', 'game', 'gamesOf'],
  memory: (env, params) => new StateCommitments(env, params),
  // contracts/StateCommitments.sol: the finality mode and every optimistic twin that reaches it are these arguments.
  constructorArgs: (p) => {
    const r = fraudProofRulesOf(p);
    return [p.rollupInbox, p.genesisRoot, p.challengeWindowBlocks, r.proposerBondWei, r.challengerBondWei, r.clockBlocks, r.winnerShareBasisPoints, r.challengesEnabled];
  },
  fromSolidity: { commitment: commitmentFromSolidity, bondOf: (v) => SOLIDITY_BOND[v as number], game: gameFromSolidity },
  toSolidity: { oneStep: ([gameId, witness]) => [gameId, stepWitnessToSolidity(witness as StepWitness)] },
};

/** Solidity's `BondStatus` and `GameStatus` enums and `Side`, in declaration order; `None` is a record that does not exist. */
const SOLIDITY_BOND = [undefined, 'held', 'returned', 'slashed'] as const;
const SOLIDITY_GAME_STATUS = [undefined, 'open', 'proposer-won', 'challenger-won', 'moot'] as const satisfies ReadonlyArray<GameStatus | undefined>;
const SOLIDITY_SIDE = ['proposer', 'challenger'] as const;

/** IStateCommitments.sol: a commitment nobody proposed is all zeros, and a real one never has a zero proposer (the genesis root's is the contract). */
function commitmentFromSolidity(value: unknown): StateCommitment | undefined {
  const commitment = value as StateCommitment;
  return BigInt(commitment.proposer) === 0n ? undefined : commitment;
}

/** Solidity's `Game`: each optional TS field behind a flag (`stated`, `hasMidRoot`, a settled status), the clocks as two fields. */
interface SolidityGame extends Omit<DisputeGame, 'turn' | 'status' | 'clockLeft' | 'stepCount' | 'messagesRoot' | 'midRoot' | 'reason'> {
  readonly stated: boolean;
  readonly stepCount: number;
  readonly messagesRoot: Hex;
  readonly hasMidRoot: boolean;
  readonly midRoot: Hex;
  readonly turn: number;
  readonly proposerClockLeft: number;
  readonly challengerClockLeft: number;
  readonly status: number;
  readonly reason: string;
}

function gameFromSolidity(value: unknown): DisputeGame | undefined {
  const { stated, stepCount, messagesRoot, hasMidRoot, midRoot, turn, proposerClockLeft, challengerClockLeft, status, reason, ...rest } = value as SolidityGame;
  const named = SOLIDITY_GAME_STATUS[status];
  if (named === undefined) return undefined;
  return {
    ...rest,
    ...(stated ? { stepCount, messagesRoot } : {}),
    ...(hasMidRoot ? { midRoot } : {}),
    turn: SOLIDITY_SIDE[turn]!,
    clockLeft: { proposer: proposerClockLeft, challenger: challengerClockLeft },
    status: named,
    ...(named === 'open' ? {} : { reason }),
  };
}
