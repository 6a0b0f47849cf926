import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account, type Address } from '../../src/crypto/accounts.ts';
import { keccakText, type Hex } from '../../src/crypto/keccak.ts';
import { midpoint, paddedSteps, type DisputeGame } from '../../src/l1/contracts/dispute-game.ts';
import type { StepWitness } from '../../src/l1/contracts/one-step-proof.ts';
import { BURN_ADDRESS, stateCommitments, type StateCommitmentsFacade, type StateCommitmentsParams } from '../../src/l1/contracts/state-commitments.ts';
import type { ContractSpec, Deployed, L1, TxId, TxOptions } from '../../src/l1/L1.ts';
import type { CallContext, ContractEnv, Slot } from '../../src/l1/memory/storage.ts';
import { eth } from '../../src/l1/units.ts';
import { SegmentTrace } from '../../src/protocols/optimistic/trace.ts';
import { L2State } from '../../src/protocols/rollup/state.ts';
import type { L2Message } from '../../src/protocols/rollup/transaction.ts';
import { assertSameOnBothBackends, balanceChanges, balancesOf, blockOutcome, DifferentialCoverage, memoryAt, normalize, SequenceDriver, sharedAnvil } from './differential.ts';

/**
 * StateCommitments.sol against its TS twin under fast-check call sequences, for the
 * secure fraud-proof rules, each optimistic twin that reaches the contract, and the
 * placeholder-window finality: batches posted, honest, lying and garbage proposals (on
 * the latest live root or a stale one, with right and wrong bonds, past the inbox),
 * challenges in and out of the window, bisection played by the trace or at random, by the
 * right side or the wrong account, one-step proofs with honest and broken witnesses,
 * timeouts, bond reclaims; time moves by mined blocks and skips so windows close and
 * chess clocks run out under the calls.
 */
const [proposer, mallory, watchtower, carol] = ['proposer', 'mallory', 'watchtower', 'carol'].map(account) as [Account, Account, Account, Account];
const PEOPLE = { proposer, mallory, watchtower, carol } as const;
type Person = keyof typeof PEOPLE;

/** The inbox as StateCommitments sees it: a batch count (contracts/test/CountingInbox.sol). */
interface CountingInboxFacade {
  post(tx: TxOptions): Promise<TxId>;
  batchCount(): Promise<number>;
}

class CountingInbox {
  private readonly posted: Slot<number>;
  constructor(env: ContractEnv) {
    this.posted = env.slot(0);
  }
  post(ctx: CallContext): void {
    this.posted.set(this.posted.value + 1);
    ctx.emit('BatchPosted', { batchCount: this.posted.value });
  }
  batchCount(): number {
    return this.posted.value;
  }
}

const countingInbox: ContractSpec<CountingInboxFacade, Record<string, never>> = {
  name: 'CountingInbox',
  views: ['batchCount'],
  memory: (env) => new CountingInbox(env),
  constructorArgs: () => [],
};

/** The L2 messages each posted batch carries: deposits, transfers (one failing), withdrawals, a self-transfer. */
const [alice, bob, dave] = ['alice', 'bob', 'dave'].map((n) => account(n).address.toLowerCase() as Address) as [Address, Address, Address];
const BATCHES: readonly (readonly L2Message[])[] = [
  [
    { kind: 'deposit', to: alice, amountWei: eth(5) },
    { kind: 'deposit', to: bob, amountWei: eth(2) },
  ],
  [{ kind: 'transfer', from: alice, to: bob, amountWei: eth(1), nonce: 0 }],
  [
    { kind: 'withdraw', from: bob, to: bob, amountWei: eth(1), nonce: 0 },
    { kind: 'transfer', from: alice, to: dave, amountWei: eth(10), nonce: 1 },
    { kind: 'deposit', to: dave, amountWei: eth(1) },
  ],
  [{ kind: 'withdraw', from: alice, to: alice, amountWei: 0n, all: true, nonce: 1 }],
  [
    { kind: 'transfer', from: bob, to: bob, amountWei: 0n, nonce: 1 },
    { kind: 'deposit', to: alice, amountWei: eth(3) },
    { kind: 'transfer', from: dave, to: alice, amountWei: eth(1) },
  ],
  [{ kind: 'deposit', to: dave, amountWei: eth(1) }],
];

function messagesIn(fromBatch: number, toBatch: number): L2Message[] {
  return BATCHES.slice(fromBatch, toBatch).flat();
}

/** What a proposal claims: the honest root, a root that lies at one step of its segment, or a root with no trace behind it. */
type Claim = { kind: 'honest' } | { kind: 'lying'; step: number } | { kind: 'garbage'; seed: number };
type GamePick = 'newest' | 'previous' | 'first' | 'none';
type WitnessKind = 'honest' | 'wrong-pre' | 'wrong-sibling' | 'no-accounts';

type Op =
  | { kind: 'post' }
  | { kind: 'propose'; from: Person; claim: Claim; cover: number; parent: 'latest' | 'stale' | 'ahead'; bond: 'right' | 'wrong' }
  | { kind: 'challenge'; from: Person; target: 'newest' | 'previous' | 'genesis' | 'none' | number; bond: 'right' | 'wrong' }
  | { kind: 'answer'; game: GamePick; by: 'side' | 'other'; steps: 'trace' | 'more' | 'none' }
  | { kind: 'bisect'; game: GamePick; by: 'side' | 'other'; root: 'trace' | 'random' }
  | { kind: 'respond'; game: GamePick; by: 'side' | 'other'; verdict: 'honest' | 'agree' | 'disagree' }
  | { kind: 'oneStep'; game: GamePick; by: 'side' | 'other'; witness: WitnessKind }
  /** Whoever's turn it is makes the move the game's state calls for, as a dispute player would, and a block is mined. */
  | { kind: 'play'; game: GamePick; honestChallenger: boolean; witness: WitnessKind }
  | { kind: 'timeout'; game: GamePick; from: Person }
  | { kind: 'reclaim'; target: 'newest' | 'previous' | 'genesis' | number; from: Person }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const person = fc.constantFrom<Person>('proposer', 'proposer', 'mallory', 'watchtower', 'watchtower', 'carol');
const gamePick = fc.constantFrom<GamePick>('newest', 'newest', 'newest', 'newest', 'previous', 'first', 'none');
const by = fc.constantFrom('side' as const, 'side' as const, 'side' as const, 'side' as const, 'side' as const, 'other' as const);
const claim: fc.Arbitrary<Claim> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'honest' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('lying' as const), step: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), seed: fc.nat({ max: 1000 }) }) },
);
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'post' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      from: fc.constantFrom<Person>('proposer', 'proposer', 'mallory', 'mallory', 'carol'),
      claim,
      // Batches beyond the parent's: 0 is refused, beyond the inbox too.
      cover: fc.constantFrom(0, 1, 1, 1, 2, 2, 3, 9),
      parent: fc.constantFrom('latest' as const, 'latest' as const, 'latest' as const, 'latest' as const, 'latest' as const, 'stale' as const, 'ahead' as const),
      bond: fc.constantFrom('right' as const, 'right' as const, 'right' as const, 'right' as const, 'right' as const, 'wrong' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('challenge' as const),
      from: fc.constantFrom<Person>('watchtower', 'watchtower', 'carol', 'proposer'),
      target: fc.constantFrom('newest' as const, 'newest' as const, 'newest' as const, 'previous' as const, 'genesis' as const, 'none' as const, 1, 2),
      bond: fc.constantFrom('right' as const, 'right' as const, 'right' as const, 'wrong' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answer' as const), game: gamePick, by, steps: fc.constantFrom('trace' as const, 'trace' as const, 'trace' as const, 'trace' as const, 'more' as const, 'none' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bisect' as const), game: gamePick, by, root: fc.constantFrom('trace' as const, 'trace' as const, 'trace' as const, 'random' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('respond' as const), game: gamePick, by, verdict: fc.constantFrom('honest' as const, 'honest' as const, 'honest' as const, 'agree' as const, 'disagree' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('oneStep' as const),
      game: gamePick,
      by,
      witness: fc.constantFrom<WitnessKind>('honest', 'honest', 'honest', 'honest', 'honest', 'wrong-pre', 'wrong-sibling', 'no-accounts'),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('play' as const),
      game: gamePick,
      honestChallenger: fc.constantFrom(true, true, true, false),
      witness: fc.constantFrom<WitnessKind>('honest', 'honest', 'honest', 'honest', 'wrong-pre', 'wrong-sibling', 'no-accounts'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('timeout' as const), game: gamePick, from: person }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reclaim' as const), target: fc.constantFrom('newest' as const, 'previous' as const, 'genesis' as const, 1, 2, 3), from: person }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 8 }) }) },
);
/**
 * Every sequence starts with three batches posted, a root on the first, a child root on
 * the next two, and both challenged: without, nearly every call reverts, no game gets
 * deep, and no game outlives its commitment's parent.
 */
const sequenceArb: fc.Arbitrary<Op[]> = fc
  .tuple(claim, claim, fc.array(anyOp, { minLength: 1, maxLength: 32, size: 'max' }))
  .map(([first, second, ops]): Op[] => [
    { kind: 'post' },
    { kind: 'post' },
    { kind: 'post' },
    { kind: 'mine' },
    { kind: 'propose', from: first.kind === 'honest' ? 'proposer' : 'mallory', claim: first, cover: 1, parent: 'latest', bond: 'right' },
    { kind: 'mine' },
    { kind: 'propose', from: 'proposer', claim: second, cover: 2, parent: 'latest', bond: 'right' },
    { kind: 'mine' },
    { kind: 'challenge', from: 'watchtower', target: 1, bond: 'right' },
    { kind: 'challenge', from: 'carol', target: 2, bond: 'right' },
    { kind: 'mine' },
    ...ops,
  ]);

/** The trace a proposal was built from, by root and parent batch count: how its proposer side plays. */
interface Proposal {
  readonly trace?: SegmentTrace;
  readonly honest: SegmentTrace;
}

/** One backend's run of a sequence. */
class CommitmentsDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;
  private readonly proposals = new Map<string, Proposal>();
  private readonly seen: unknown[] = [];

  private constructor(
    l1: L1,
    private readonly inbox: Deployed<CountingInboxFacade>,
    private readonly commitments: Deployed<StateCommitmentsFacade>,
    private readonly start: Map<string, bigint>,
  ) {
    super(l1);
    this.names = new Map([
      [commitments.address.toLowerCase(), 'commitments'],
      [inbox.address.toLowerCase(), 'inbox'],
      [BURN_ADDRESS.toLowerCase(), 'burn'],
    ]);
  }

  static async on(l1: L1, params: Omit<StateCommitmentsParams, 'rollupInbox' | 'genesisRoot'>): Promise<CommitmentsDriver> {
    const inbox = await l1.deploy(countingInbox, {});
    const commitments = await l1.deploy(stateCommitments, { ...params, rollupInbox: inbox.address, genesisRoot: new L2State().stateRoot() });
    const driver = new CommitmentsDriver(l1, inbox, commitments, await balancesOf(l1, [...Object.values(PEOPLE).map((p) => p.address), BURN_ADDRESS, commitments.address]));
    driver.observed.push({ bond: await commitments.bondWei(), challengerBond: await commitments.challengerBondWei() });
    return driver;
  }

  /** What the contract says at the end about every commitment (and one past them), at heights around the head. */
  protected override async end(): Promise<void> {
    const c = this.commitments;
    const h = this.l1.head().number;
    const count = await c.count();
    const end = [];
    for (let i = 0; i <= count; i++) {
      end.push({ games: await c.gamesOf(i), bond: await c.bondOf(i), final: [await c.isFinalAt(i, Math.max(0, h - 3)), await c.isFinalAt(i, h + 5), await c.isFinalAt(i, h + 30)] });
    }
    this.observed.push({ end: normalize(end, this.names) });
  }

  protected async apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'post':
        await this.inbox.post({ from: carol.address });
        return;
      case 'propose':
        return this.propose(op);
      case 'challenge': {
        const bond = await this.commitments.challengerBondWei();
        await this.commitments.challenge({ from: PEOPLE[op.from].address, value: op.bond === 'right' ? bond : bond + 1n }, await this.commitmentIndex(op.target));
        return;
      }
      case 'answer':
      case 'bisect':
      case 'respond':
      case 'oneStep':
        return this.move(op);
      case 'play':
        await this.playTurn(op);
        await this.mine();
        return;
      case 'timeout':
        await this.commitments.timeout({ from: PEOPLE[op.from].address }, await this.gameId(op.game));
        return;
      case 'reclaim':
        await this.commitments.reclaimBond({ from: PEOPLE[op.from].address }, await this.commitmentIndex(op.target));
        return;
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  private async propose(op: Extract<Op, { kind: 'propose' }>): Promise<void> {
    const latest = await this.commitments.latest();
    const parentIndex = op.parent === 'latest' ? latest : op.parent === 'stale' ? Math.max(0, latest - 1) : latest + 1;
    const parent = (await this.commitments.commitment(latest))!;
    const fromBatch = parent.batchCount;
    const toBatch = fromBatch + op.cover;
    const honest = SegmentTrace.of(messagesIn(0, fromBatch), messagesIn(fromBatch, toBatch));
    let trace: SegmentTrace | undefined = honest;
    if (op.claim.kind === 'lying') trace = SegmentTrace.of(messagesIn(0, fromBatch), messagesIn(fromBatch, toBatch), { step: Math.min(op.claim.step, Math.max(0, honest.stepCount - 1)), beneficiary: PEOPLE[op.from].address, amountWei: eth(7) });
    if (op.claim.kind === 'garbage') trace = undefined;
    const root = trace ? trace.finalRoot : keccakText(`garbage root ${op.claim.kind === 'garbage' ? op.claim.seed : 0}`);
    this.proposals.set(`${root}:${fromBatch}`, { trace, honest });
    const bond = await this.commitments.bondWei();
    await this.commitments.propose({ from: PEOPLE[op.from].address, value: op.bond === 'right' ? bond : bond + 1n }, root, toBatch, parentIndex);
  }

  private async move(op: Extract<Op, { game: GamePick; by: unknown }>): Promise<void> {
    const id = await this.gameId(op.game);
    const game = await this.commitments.game(id);
    const proposal = game ? await this.proposalOf(game) : undefined;
    const side = op.kind === 'answer' || op.kind === 'bisect' ? 'proposer' : 'challenger';
    const mover = game ? game[side] : carol.address;
    const from = { from: op.by === 'side' ? mover : mover.toLowerCase() === carol.address.toLowerCase() ? mallory.address : carol.address };
    const trace = proposal?.trace;
    switch (op.kind) {
      case 'answer': {
        const steps = trace?.stepCount ?? proposal?.honest.stepCount ?? 2;
        const stated = op.steps === 'trace' ? steps : op.steps === 'more' ? steps + 3 : 0;
        const mid = trace ? trace.rootAt(midpoint({ lo: 0, hi: paddedSteps(stated) })) : keccakText(`garbage mid ${id}`);
        await this.commitments.answer(from, id, stated, (proposal?.honest ?? trace)?.messagesRoot ?? keccakText('no messages'), mid);
        return;
      }
      case 'bisect': {
        const at = game ? midpoint(game) : 0;
        await this.commitments.bisect(from, id, op.root === 'trace' && trace ? trace.rootAt(at) : keccakText(`random mid ${id}:${at}`));
        return;
      }
      case 'respond': {
        const honestAgrees = game?.midRoot !== undefined && proposal !== undefined && proposal.honest.rootAt(midpoint(game)) === game.midRoot;
        await this.commitments.respond(from, id, op.verdict === 'honest' ? honestAgrees : op.verdict === 'agree');
        return;
      }
      case 'oneStep':
        await this.commitments.oneStep(from, id, this.witnessFor(game, proposal, op.witness));
    }
  }

  private async playTurn(op: Extract<Op, { kind: 'play' }>): Promise<void> {
    const game = await this.commitments.game(await this.gameId(op.game));
    if (!game || game.status !== 'open') return this.move({ kind: 'answer', game: op.game, by: 'side', steps: 'trace' });
    if (game.turn === 'proposer') return this.move(game.stepCount === undefined ? { kind: 'answer', game: op.game, by: 'side', steps: 'trace' } : { kind: 'bisect', game: op.game, by: 'side', root: 'trace' });
    if (game.midRoot !== undefined) return this.move({ kind: 'respond', game: op.game, by: 'side', verdict: op.honestChallenger ? 'honest' : 'disagree' });
    return this.move({ kind: 'oneStep', game: op.game, by: 'side', witness: op.witness });
  }

  /** The honest witness of the game's disputed step, or one broken in a way the one-step proof must refuse. */
  private witnessFor(game: DisputeGame | undefined, proposal: Proposal | undefined, kind: WitnessKind): StepWitness {
    const step = game?.lo ?? 0;
    const honest = proposal && step < proposal.honest.stepCount ? proposal.honest.witness(step) : emptyWitness();
    switch (kind) {
      case 'honest':
        return honest;
      case 'wrong-pre':
        return { ...honest, pre: { ...honest.pre, accountCount: honest.pre.accountCount + 1 } };
      case 'wrong-sibling':
        return { ...honest, messageSiblings: honest.messageSiblings.map((s, i) => (i === 0 ? keccakText('not a sibling') : s)) };
      case 'no-accounts':
        return { ...honest, accounts: [] };
    }
  }

  private async proposalOf(game: DisputeGame): Promise<Proposal | undefined> {
    const c = await this.commitments.commitment(game.commitmentIndex);
    const parent = c && (await this.commitments.commitment(c.parentIndex!));
    return c && parent ? this.proposals.get(`${c.stateRoot}:${parent.batchCount}`) : undefined;
  }

  private async gameId(pick: GamePick): Promise<number> {
    const n = await this.commitments.gameCount();
    return { newest: Math.max(0, n - 1), previous: Math.max(0, n - 2), first: 0, none: n }[pick];
  }

  private async commitmentIndex(target: 'newest' | 'previous' | 'genesis' | 'none' | number): Promise<number> {
    const n = await this.commitments.count();
    if (typeof target === 'number') return target;
    return { newest: n - 1, previous: Math.max(0, n - 2), genesis: 0, none: n }[target];
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    await this.observe(block);
  }

  /**
   * Finality and rejection move with time, so they are read every block; everything else
   * changes only by a transaction, so it is read after blocks that carried any.
   */
  private async observe(block: Awaited<ReturnType<L1['mine']>>): Promise<void> {
    const h = block.number;
    const c = this.commitments;
    const count = await c.count();
    const standing = [];
    for (let i = 0; i < count; i++) standing.push([await c.isFinalAt(i, h), await c.isRejectedAt(i, h)]);
    const timely = { block: h, standing, latestFinal: await c.latestFinalAt(h) };
    if (block.txs.length === 0) return void this.observed.push(timely);
    const records = [];
    for (let i = 0; i < count; i++) records.push({ bond: await c.bondOf(i), rejectedLater: await c.isRejectedAt(i, h + 9) });
    // A commitment never changes once proposed: each is read once, and the one past the end every time.
    for (let i = this.seen.length; i < count; i++) this.seen.push(await c.commitment(i));
    const games = [];
    const gameCount = await c.gameCount();
    for (let id = 0; id <= gameCount; id++) games.push(await c.game(id));
    this.observed.push({
      ...timely,
      txs: blockOutcome(block, this.names),
      count,
      latest: await c.latest(),
      latestFinalAround: [await c.latestFinalAt(Math.max(0, h - 4)), await c.latestFinalAt(h + 9)],
      commitments: normalize([...this.seen, await c.commitment(count)], this.names),
      records,
      games: normalize(games, this.names),
      escrow: await this.l1.balanceOf(c.address),
      paid: normalize(await balanceChanges(this.l1, [...Object.values(PEOPLE).map((p) => p.address), BURN_ADDRESS], this.start), this.names),
    });
  }

}

/** A witness for a step no honest trace has: nothing in it matches any state. */
function emptyWitness(): StepWitness {
  const zero = `0x${'00'.repeat(32)}` as Hex;
  return { pre: { accountsRoot: zero, withdrawalsRoot: zero, accountCount: 0, withdrawalCount: 0 }, message: { kind: 'deposit', to: alice, amountWei: 0n }, messageSiblings: [], accounts: [], withdrawalSiblings: [] };
}

const FRAUD_PROOFS = { proposerBondWei: eth(1), challengerBondWei: eth(0.5), clockBlocks: 10, winnerShareBasisPoints: 5_000, challengesEnabled: true };
type Variant = Omit<StateCommitmentsParams, 'rollupInbox' | 'genesisRoot'>;
/** Each with its number of runs: the games, where most of the contract is, get the most. */
const VARIANTS: ReadonlyArray<[string, Variant, number]> = [
  ['secure fraud-proof rules', { challengeWindowBlocks: 20, finality: 'fraud-proof', fraudProof: FRAUD_PROOFS }, 6],
  ['winner takes all, free challenges', { challengeWindowBlocks: 12, finality: 'fraud-proof', fraudProof: { ...FRAUD_PROOFS, challengerBondWei: 0n, winnerShareBasisPoints: 10_000, clockBlocks: 3 } }, 4],
  ['no-fraud-proof twin (challenges off)', { challengeWindowBlocks: 12, finality: 'fraud-proof', fraudProof: { ...FRAUD_PROOFS, challengesEnabled: false } }, 2],
  ['short-challenge-window twin', { challengeWindowBlocks: 3, finality: 'fraud-proof', fraudProof: FRAUD_PROOFS }, 3],
  ['placeholder-window finality', { challengeWindowBlocks: 6, finality: 'placeholder-window' }, 2],
];

const OPENING: readonly Op[] = [
  { kind: 'post' },
  { kind: 'post' },
  { kind: 'post' },
  { kind: 'mine' },
];
const play = (witness: WitnessKind = 'honest'): Op => ({ kind: 'play', game: 'newest', honestChallenger: true, witness });
const mine: Op = { kind: 'mine' };

/** Games played to the end on purpose, where random sequences rarely get: every wrong last move, then the right one. */
const SCENARIOS: ReadonlyArray<[string, readonly Op[], readonly string[]]> = [
  [
    'a lie at step 1 is bisected down to it, broken witnesses are refused, the honest one rejects the root and slashes its bond',
    [
      ...OPENING,
      { kind: 'propose', from: 'mallory', claim: { kind: 'lying', step: 1 }, cover: 2, parent: 'latest', bond: 'right' },
      mine,
      { kind: 'propose', from: 'proposer', claim: { kind: 'honest' }, cover: 1, parent: 'latest', bond: 'right' },
      { kind: 'challenge', from: 'watchtower', target: 1, bond: 'right' },
      mine,
      { kind: 'challenge', from: 'carol', target: 2, bond: 'right' },
      mine,
      { kind: 'play', game: 'previous', honestChallenger: true, witness: 'honest' },
      { kind: 'play', game: 'previous', honestChallenger: true, witness: 'honest' },
      { kind: 'answer', game: 'previous', by: 'side', steps: 'trace' },
      mine,
      { kind: 'play', game: 'previous', honestChallenger: true, witness: 'honest' },
      { kind: 'play', game: 'previous', honestChallenger: true, witness: 'honest' },
      { kind: 'respond', game: 'previous', by: 'side', verdict: 'honest' },
      { kind: 'oneStep', game: 'previous', by: 'other', witness: 'honest' },
      { kind: 'bisect', game: 'previous', by: 'side', root: 'trace' },
      mine,
      ...(['wrong-pre', 'wrong-sibling', 'no-accounts', 'honest'] as const).flatMap((witness): Op[] => [{ kind: 'oneStep', game: 'previous', by: 'side', witness }, mine]),
      // The child's game ends moot: its commitment died with the parent, so the child's bond comes back too.
      { kind: 'timeout', game: 'newest', from: 'carol' },
      { kind: 'reclaim', target: 1, from: 'mallory' },
      { kind: 'timeout', game: 'previous', from: 'carol' },
      mine,
      { kind: 'reclaim', target: 2, from: 'carol' },
      { kind: 'advance', blocks: 30 },
      { kind: 'propose', from: 'proposer', claim: { kind: 'honest' }, cover: 2, parent: 'latest', bond: 'right' },
    ],
    ['GameResolved challenger-won step 1 re-executed to a different root', 'GameResolved moot the commitment died with an ancestor'],
  ],
  [
    'an honest root whose challenger agrees to the end is upheld on a padding step, without a witness',
    [
      ...OPENING,
      { kind: 'propose', from: 'proposer', claim: { kind: 'honest' }, cover: 2, parent: 'latest', bond: 'right' },
      mine,
      { kind: 'challenge', from: 'watchtower', target: 'newest', bond: 'right' },
      mine,
      play(),
      { kind: 'respond', game: 'newest', by: 'side', verdict: 'agree' },
      mine,
      play(),
      { kind: 'respond', game: 'newest', by: 'side', verdict: 'agree' },
      mine,
      play('no-accounts'),
      { kind: 'advance', blocks: 25 },
      { kind: 'reclaim', target: 'newest', from: 'watchtower' },
      mine,
    ],
    ['GameResolved proposer-won step 3 re-executed to the claimed root'],
  ],
  [
    'a proposer that overstates its segment and a challenger that disagrees with everything: the one-step proof decides',
    [
      ...OPENING,
      { kind: 'propose', from: 'proposer', claim: { kind: 'honest' }, cover: 3, parent: 'latest', bond: 'right' },
      mine,
      { kind: 'challenge', from: 'watchtower', target: 'newest', bond: 'right' },
      mine,
      { kind: 'answer', game: 'newest', by: 'side', steps: 'more' },
      mine,
      ...Array.from({ length: 4 }, (): Op[] => [{ kind: 'respond', game: 'newest', by: 'side', verdict: 'disagree' }, mine, { kind: 'play', game: 'newest', honestChallenger: false, witness: 'honest' }]).flat(),
      play(),
      { kind: 'advance', blocks: 8 },
      { kind: 'timeout', game: 'newest', from: 'carol' },
      mine,
    ],
    ['GameResolved proposer-won step 0 re-executed to the claimed root'],
  ],
  [
    'a proposer that does not answer in time loses its root and its bond to the clock',
    [
      ...OPENING,
      { kind: 'propose', from: 'mallory', claim: { kind: 'garbage', seed: 1 }, cover: 3, parent: 'latest', bond: 'right' },
      mine,
      { kind: 'challenge', from: 'watchtower', target: 'newest', bond: 'right' },
      { kind: 'advance', blocks: 12 },
      { kind: 'answer', game: 'newest', by: 'side', steps: 'trace' },
      mine,
      { kind: 'timeout', game: 'newest', from: 'carol' },
      mine,
      { kind: 'reclaim', target: 'newest', from: 'mallory' },
      mine,
    ],
    ['GameResolved challenger-won the proposer side ran out of time'],
  ],
];

/** How the run's games were settled, in order. */
function settlements(observed: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const entry of observed) {
    for (const t of (entry as { txs?: Array<{ events: Array<{ name: string; args: Record<string, unknown> }> }> }).txs ?? []) {
      for (const e of t.events) if (e.name === 'GameResolved') out.push(`GameResolved ${String(e.args.status)} ${String(e.args.reason)}`);
    }
  }
  return out;
}

/** Outcomes the differential runs reached, so a generator that only ever hits one revert cannot pass for a test. */
// Reasons name ids, indices and amounts: their shape is what a run covers.
const coverage = new DifferentialCoverage((reason) => reason.replace(/\d+/g, 'N').replace(/0xN?[0-9a-f]+/gi, '0x…'));


describe('StateCommitments differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, params, runs], i) => [name, params, runs, i] as const))('%s: every call sequence gives the same receipts, events, reverts, games, finality and payouts', async (_name, params, runs, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: Object.values(PEOPLE).map((who) => who.address),
      fundWei: eth(1_000),
      play: async (l1, ops) => (await CommitmentsDriver.on(l1, params)).play(ops),
      record: (observed) => coverage.record(observed),
      runs,
      seed: 80 + i,
    });
  });

  it.each(SCENARIOS)('%s: the same on both backends', async (_name, ops, resolved) => {
    const params = VARIANTS[0]![1];
    const funded = Object.values(PEOPLE);
    for (const who of funded) await anvil().fund(who.address, eth(1_000));
    const memory = await memoryAt(anvil().head().number);
    for (const who of funded) await memory.fund(who.address, eth(1_000));
    const expected = await (await CommitmentsDriver.on(memory, params)).play(ops);
    const actual = await (await CommitmentsDriver.on(anvil(), params)).play(ops);
    expect(actual).toEqual(expected);
    expect(settlements(expected)).toEqual(resolved);
    coverage.record(expected);
  });

  it('the sequences above reached every event and every revert a caller can cause, on both backends alike', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.reduce((sum, v) => sum + v[2], 0) + SCENARIOS.length);
    expect([...coverage.events].sort()).toEqual(['BatchPosted', 'Bisected', 'BondReturned', 'GameOpened', 'GameResolved', 'OneStepProven', 'StateCommitted']);
    // Every require of the contract but three no call can reach: 'nothing to bisect' (the proposer side is never on
    // turn with a midpoint pending or one step left), 'step count must be a whole number' (a uint64 above 2^53 is
    // no JS number) and 'payment failed' (every payee here is an account). The one-step proof's other refusals
    // (account witnesses) are OneStepProof.sol's, held to the TS by its own tests.
    expect([...coverage.reasons].sort()).toEqual([
      'a challenge needs a bond of exactly N wei',
      'a proposal needs a bond of exactly N wei',
      'commitment N died with an ancestor',
      'commitment N is already rejected',
      'commitment N is not final',
      'commitment N is not the latest live one (N)',
      'commitment must cover more than N batches',
      'game N is not open',
      "it is the challenger side's turn in game N",
      "it is the proposer side's turn in game N",
      'no bond held for commitment N',
      'no commitment N to challenge',
      'no midpoint root to respond to',
      'one-step proof rejected: message is not step N of the segment',
      'one-step proof rejected: witness must show every touched account',
      'one-step proof rejected: witness pre-state does not match the agreed root',
      'only N batches are in the inbox',
      'only the challenger moves for its side of game N',
      'only the proposer moves for its side of game N',
      'state the segment first (answer)',
      'the challenge window of commitment N has closed',
      'the challenger side of game N ran out of time',
      'the challenger side of game N still has time',
      'the dispute is not down to one step',
      'the proposer side of game N ran out of time',
      'the proposer side of game N still has time',
      'the segment was already stated',
      'this rollup has no fraud proofs: roots cannot be challenged',
    ]);
  });
});
