import fc from 'fast-check';
import { account } from '../../src/crypto/accounts.ts';
import { keccakText, type Hex } from '../../src/crypto/keccak.ts';
import type { DelayedMessage } from '../../src/l1/contracts/delayed-inbox.ts';
import type { AccountExitProof } from '../../src/l1/contracts/escape-hatch.ts';
import type { L1, TxId } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { L2State } from '../../src/protocols/rollup/state.ts';
import { delayedToMessage } from '../../src/protocols/rollup/derivation.ts';
import { authenticate, signTx, type L2Message, type SignedTx, type TxBody } from '../../src/protocols/rollup/transaction.ts';
import { ALL_CONSTRAINTS, type BatchProof, type Constraints, type ProofStep } from '../../src/protocols/zk/circuit.ts';
import { deployZk, type ZkContracts } from '../../src/protocols/zk/contracts.ts';
import { WitnessedState } from '../../src/protocols/zk/witness.ts';
import { balanceChanges, balancesOf, blockOutcome, corrupted, normalize, SequenceDriver } from './differential.ts';

/**
 * One backend's run of a zk-rollup call sequence, for the differential tests of
 * ZkVerifier.sol and EscapeHatchBridge.sol: deposits and forced requests into the delayed
 * inbox, sequencer batches, validity proofs (honest, or bent one way), freezes, escapes,
 * deposit reclaims and withdrawals, with time moving by mined blocks and skips. The
 * driver is its own prover: it keeps the state its proofs verified and builds the next
 * proof from it, so honest proofs verify and bent ones fail for the reason they are bent.
 */
export const PEOPLE = { alice: account('alice'), bob: account('bob'), carol: account('carol') } as const;
export type Person = keyof typeof PEOPLE;
const SEQUENCER = account('zk-sequencer');
const PROVER = account('zk-prover');
const L2_CHAIN_ID = 42_069;
export const DEADLINE_BLOCKS = 6;

export type ProofBend =
  | 'as-is'
  | 'wrong-root'
  | 'wrong-parent'
  | 'not-prover'
  | 'no-proof'
  | 'bad-signature'
  | 'inflated-leaf'
  | 'skip-delayed'
  | 'truncated'
  | 'stale-count'
  | 'unposted'
  | 'withdrawal-slot';
export type TxSpec = { kind: 'transfer' | 'withdraw'; from: Person; to: Person; amount: number; nonceOffset: number };

export type Op =
  | { kind: 'deposit'; from: Person; to: Person; amount: number }
  | { kind: 'force'; from: Person; action: 'transfer' | 'withdraw'; to: Person; amount: number; all: boolean }
  | { kind: 'batch'; readDelayed: boolean }
  | { kind: 'prove'; txs: TxSpec[]; bend: ProofBend }
  /** A negative index counts back from the newest delayed message. */
  | { kind: 'freeze'; from: Person; index: number }
  | { kind: 'escape'; who: Person; bend: 'as-is' | 'inflated' | 'wrong-index' }
  | { kind: 'reclaim'; from: Person; index: number }
  | { kind: 'finalize'; from: Person; pick: number; bend: 'as-is' | 'other-root' | 'other-amount' }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const person = fc.constantFrom<Person>('alice', 'alice', 'bob', 'bob', 'carol');
const amount = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(0), fc.constant(50));
const txSpec: fc.Arbitrary<TxSpec> = fc.record({
  kind: fc.constantFrom<'transfer' | 'withdraw'>('transfer', 'transfer', 'withdraw'),
  from: person,
  to: person,
  amount,
  nonceOffset: fc.constantFrom(0, 0, 0, 0, 1),
});

/** Op weights per test file: the verifier file proves a lot, the escape-hatch file freezes and escapes a lot. */
export function opArbitrary(weights: { prove: number; freeze: number; escape: number; finalize: number }): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deposit' as const), from: person, to: person, amount: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(0)) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('force' as const), from: person, action: fc.constantFrom<'transfer' | 'withdraw'>('transfer', 'withdraw'), to: person, amount, all: fc.boolean() }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('batch' as const), readDelayed: fc.constantFrom(true, true, false) }) },
    {
      weight: weights.prove,
      arbitrary: fc.record({
        kind: fc.constant('prove' as const),
        txs: fc.array(txSpec, { maxLength: 3 }),
        bend: fc.oneof(
          { weight: 5, arbitrary: fc.constant<ProofBend>('as-is') },
          {
            weight: 3,
            arbitrary: fc.constantFrom<ProofBend>(
              'wrong-root',
              'wrong-parent',
              'not-prover',
              'no-proof',
              'bad-signature',
              'inflated-leaf',
              'skip-delayed',
              'truncated',
              'stale-count',
              'unposted',
              'withdrawal-slot',
            ),
          },
        ),
      }),
    },
    { weight: weights.freeze, arbitrary: fc.record({ kind: fc.constant('freeze' as const), from: person, index: fc.nat({ max: 6 }) }) },
    { weight: weights.escape, arbitrary: fc.record({ kind: fc.constant('escape' as const), who: person, bend: fc.constantFrom('as-is' as const, 'as-is' as const, 'inflated' as const, 'wrong-index' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reclaim' as const), from: person, index: fc.nat({ max: 6 }) }) },
    {
      weight: weights.finalize,
      arbitrary: fc.record({ kind: fc.constant('finalize' as const), from: person, pick: fc.nat(), bend: fc.constantFrom('as-is' as const, 'as-is' as const, 'other-root' as const, 'other-amount' as const) }),
    },
    { weight: 3, arbitrary: fc.constant({ kind: 'mine' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 8 }) }) },
  );
}

export interface Variant {
  /** The verifier's circuit (`unsound-verifier` drops the sender-balance constraint). */
  readonly verifier: Constraints;
  /** The driver's own prover circuit: a buggy prover proves overdrafts, which only an unsound verifier accepts. */
  readonly prover: Constraints;
  readonly freezeDeadlineBlocks: number | null;
  readonly escapeHatch: boolean;
}

export const SOUND = ALL_CONSTRAINTS;
export const UNSOUND: Constraints = { senderBalance: false };

const ether = (n: number): bigint => eth(n) / 10n;

export class ZkDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;
  /** Items (and their messages) of every verified proof, in order: the verified state is their replay. */
  private readonly verified: Array<{ step: ProofStep; message: L2Message }> = [];
  private inFlight: { id: TxId; steps: Array<{ step: ProofStep; message: L2Message }> } | undefined;

  private constructor(
    l1: L1,
    private readonly c: ZkContracts,
    private readonly variant: Variant,
    private readonly start: Map<string, bigint>,
  ) {
    super(l1);
    const named: Array<[string, string]> = [
      [c.verifier.address, 'verifier'],
      [c.escapeHatch.address, 'bridge'],
      [c.delayedInbox.address, 'delayedInbox'],
      [c.inbox.address, 'inbox'],
    ];
    this.names = new Map(named.map(([a, n]) => [a.toLowerCase(), n]));
  }

  static async on(l1: L1, variant: Variant): Promise<ZkDriver> {
    const rules = { sequencer: SEQUENCER.address, forceInclusionDelayBlocks: 10, delayBuffer: null, forcedInclusion: false, requireBatchData: false, challengeWindowBlocks: 0 };
    const zk = { prover: 'zk-prover', chainId: L2_CHAIN_ID, constraints: variant.verifier, freezeDeadlineBlocks: variant.freezeDeadlineBlocks, escapeHatch: variant.escapeHatch };
    const { contracts } = await deployZk(l1, rules, zk);
    const who = [...Object.values(PEOPLE).map((p) => p.address), contracts.escapeHatch.address];
    const driver = new ZkDriver(l1, contracts, variant, await balancesOf(l1, who));
    await driver.mine();
    return driver;
  }

  protected async apply(op: Op): Promise<void> {
    const c = this.c;
    switch (op.kind) {
      case 'deposit':
        await c.escapeHatch.deposit({ from: PEOPLE[op.from].address, value: ether(op.amount) }, PEOPLE[op.to].address);
        return;
      case 'force':
        await c.delayedInbox.sendTransaction({ from: PEOPLE[op.from].address }, { action: op.action, to: PEOPLE[op.to].address, amountWei: ether(op.amount), all: op.all });
        return;
      case 'batch': {
        // The sequencer batches what is on L1 by now: deposits and forced requests still pending are not.
        await this.drain();
        const afterDelayedRead = op.readDelayed ? await c.delayedInbox.messageCount() : await c.inbox.totalDelayedRead();
        const header = { sequenceNumber: await c.inbox.batchCount(), afterDelayedRead, notBeforeBlock: 0, deadlineBlock: 0, dataHash: keccakText('unused') };
        const data = new Uint8Array([1]);
        await c.inbox.addSequencerBatch({ from: SEQUENCER.address, data }, header, data);
        return;
      }
      case 'prove':
        await this.prove(op.txs, op.bend);
        return;
      case 'freeze':
        await c.verifier.freeze({ from: PEOPLE[op.from].address }, await this.delayedIndex(op.index));
        return;
      case 'escape':
        await c.escapeHatch.escape({ from: PEOPLE[op.who].address }, PEOPLE[op.who].address, this.exitProof(op.who, op.bend));
        return;
      case 'reclaim':
        await c.escapeHatch.reclaimDeposit({ from: PEOPLE[op.from].address }, await this.delayedIndex(op.index));
        return;
      case 'finalize':
        await this.finalize(op.from, op.pick, op.bend);
        return;
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  /** A delayed message index; a negative one counts back from the newest message on L1 (-1: the newest). */
  private async delayedIndex(index: number): Promise<number> {
    if (index >= 0) return index;
    await this.drain();
    return Math.max(0, (await this.c.delayedInbox.messageCount()) + index);
  }

  /** The verified state as the prover's circuit computes it (with witnesses for the next steps). */
  private proverState(): WitnessedState {
    const state = new WitnessedState(this.variant.prover);
    for (const v of this.verified) state.prove(v.step.item, v.message);
    return state;
  }

  /** The verified state as users compute it (the sound rules): what they escape and withdraw with. */
  private userState(): L2State {
    const state = new L2State();
    for (const v of this.verified) state.apply(v.message);
    return state;
  }

  private async prove(specs: readonly TxSpec[], bend: ProofBend): Promise<void> {
    const c = this.c;
    // One proof at a time, as the prover does: the next builds on the verified state.
    await this.drain();
    const parentIndex = (await c.verifier.count()) - 1;
    const from = (await c.verifier.commitment(parentIndex))!.batchCount;
    const posted = await c.inbox.batchCount();
    const state = this.proverState();
    const steps: Array<{ step: ProofStep; message: L2Message }> = [];
    const delayedRead = await c.verifier.verifiedDelayedRead();
    const upTo = posted > 0 ? (await c.inbox.batch(posted - 1))!.afterDelayedRead : delayedRead;
    for (let index = delayedRead; index < upTo; index++) {
      const m = (await c.delayedInbox.message(index)) as DelayedMessage;
      const message = delayedToMessage(m);
      steps.push({ step: state.prove({ kind: 'delayed', index }, message), message });
    }
    for (const spec of specs) {
      const tx = this.signed(spec, state);
      const message = authenticate(tx, L2_CHAIN_ID)!;
      steps.push({ step: state.prove({ kind: 'tx', tx }, message), message });
    }
    let proof: BatchProof | undefined = { steps: steps.map((s) => s.step) };
    let stateRoot = state.stateRoot();
    let batchCount = posted;
    let parent = parentIndex;
    let sender = PROVER.address;
    switch (bend) {
      case 'wrong-root':
        stateRoot = keccakText('a root nothing re-executes to');
        break;
      case 'wrong-parent':
        parent = parentIndex === 0 ? 1 : parentIndex - 1;
        break;
      case 'not-prover':
        sender = PEOPLE.alice.address;
        break;
      case 'no-proof':
        proof = undefined;
        break;
      case 'stale-count':
        batchCount = from;
        break;
      case 'unposted':
        batchCount = posted + 1;
        break;
      default:
        proof = { steps: bent(proof.steps, bend) };
    }
    const id = await c.verifier.propose({ from: sender }, stateRoot, batchCount, parent, proof);
    this.inFlight = { id, steps };
    await this.mine();
  }

  /** A transaction of the spec, signed by its sender at its next nonce (plus the offset: a stale or future nonce). */
  private signed(spec: TxSpec, state: WitnessedState): SignedTx {
    const from = PEOPLE[spec.from];
    const nonce = state.account(from.address).nonce + spec.nonceOffset;
    const body: TxBody =
      spec.kind === 'transfer'
        ? { kind: 'transfer', from: from.address, to: PEOPLE[spec.to].address, amountWei: ether(spec.amount), nonce, memo: new Uint8Array(spec.amount % 2 === 0 ? [] : [spec.amount]) }
        : { kind: 'withdraw', from: from.address, to: PEOPLE[spec.to].address, amountWei: ether(spec.amount), nonce };
    return signTx(body, from, L2_CHAIN_ID, 'secp256k1');
  }

  private exitProof(who: Person, bend: 'as-is' | 'inflated' | 'wrong-index'): AccountExitProof {
    const state = this.userState();
    const address = PEOPLE[who].address;
    const proof = state.accountProof(address) ?? { index: 0, siblings: state.accountSiblings(0) };
    const roots = state.roots();
    const a = state.account(address);
    return {
      balanceWei: bend === 'inflated' ? a.balanceWei + ether(1) : a.balanceWei,
      nonce: a.nonce,
      index: bend === 'wrong-index' ? proof.index + 1 : proof.index,
      siblings: proof.siblings,
      withdrawalsRoot: roots.withdrawalsRoot,
      accountCount: roots.accountCount,
      withdrawalCount: roots.withdrawalCount,
    };
  }

  private async finalize(from: Person, pick: number, bend: 'as-is' | 'other-root' | 'other-amount'): Promise<void> {
    const state = this.userState();
    const roots = state.roots();
    const latest = (await this.c.verifier.count()) - 1;
    const leaf = state.withdrawals.length > 0 ? state.withdrawals[pick % state.withdrawals.length]! : { index: 0, from: PEOPLE[from].address, to: PEOPLE[from].address, amountWei: 1n };
    const siblings = state.withdrawals.length > 0 ? state.withdrawalProof(leaf.index) : state.withdrawalSiblings(0);
    const w = bend === 'other-amount' ? { ...leaf, amountWei: leaf.amountWei + 1n } : leaf;
    const index = bend === 'other-root' ? (latest === 0 ? 7 : 0) : latest;
    const proof = { accountsRoot: roots.accountsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount, siblings };
    await this.c.escapeHatch.finalizeWithdrawal({ from: PEOPLE[from].address }, index, w, proof);
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    if (this.inFlight && this.l1.receipt(this.inFlight.id).status === 'success') this.verified.push(...this.inFlight.steps);
    if (this.inFlight && this.l1.receipt(this.inFlight.id).status !== 'pending') this.inFlight = undefined;
    this.observed.push({ block: block.number, txs: this.outcome(block), views: await this.views() });
  }

  /** Receipts with contract addresses in revert reasons replaced by their names (a payment beyond the balance names the payer). */
  private outcome(block: Awaited<ReturnType<L1['mine']>>): unknown {
    const txs = blockOutcome(block, this.names) as Array<{ reason?: string }>;
    return txs.map((t) => ({ ...t, reason: t.reason?.replace(/0x[0-9a-f]{40}/g, (a) => this.names.get(a) ?? a) }));
  }

  private async views(): Promise<unknown> {
    const { verifier, escapeHatch, delayedInbox } = this.c;
    const count = await verifier.count();
    const commitments = [];
    for (let i = 0; i <= count; i++) commitments.push(await verifier.commitment(i));
    const messages = await delayedInbox.messageCount();
    const reclaimed = [];
    for (let i = 0; i <= messages; i++) reclaimed.push(await escapeHatch.isReclaimed(i));
    const people = Object.values(PEOPLE).map((p) => p.address);
    const escaped = [];
    for (const p of people) escaped.push(await escapeHatch.hasEscaped(p));
    const paid = [];
    for (let i = 0; i < 4; i++) paid.push(await escapeHatch.isPaid(i));
    const head = this.l1.head().number;
    return normalize(
      {
        count,
        latest: await verifier.latest(),
        latestFinal: await verifier.latestFinalAt(head),
        final: [await verifier.isFinalAt(count - 1, head), await verifier.isFinalAt(count, head)],
        rejected: await verifier.isRejectedAt(0, head),
        bond: await verifier.bondWei(),
        commitments,
        delayedRead: await verifier.verifiedDelayedRead(),
        roots: await verifier.verifiedRoots(),
        frozen: await verifier.isFrozen(),
        escrow: await escapeHatch.escrowedWei(),
        paidWei: await escapeHatch.paidWei(),
        escapedWei: await escapeHatch.escapedWei(),
        paid,
        escaped,
        reclaimed,
        messages,
        balances: await balanceChanges(this.l1, people, this.start),
        bridgeBalance: (await this.l1.balanceOf(escapeHatch.address)) - this.start.get(escapeHatch.address)!,
      },
      this.names,
    );
  }
}

/** A proof bent inside one step: a forged signature, an inflated leaf, a delayed message skipped or left out, a non-empty withdrawal slot. */
function bent(steps: readonly ProofStep[], bend: ProofBend): ProofStep[] {
  const out = steps.slice();
  switch (bend) {
    case 'bad-signature': {
      const at = out.findIndex((s) => s.item.kind === 'tx');
      if (at < 0) return out;
      const s = out[at]!;
      const tx = (s.item as { tx: SignedTx }).tx;
      out[at] = { ...s, item: { kind: 'tx', tx: { ...tx, signature: corrupted(tx.signature, 11) as Hex } } };
      return out;
    }
    case 'inflated-leaf': {
      const at = out.findIndex((s) => s.leaves.length > 0);
      if (at < 0) return out;
      const s = out[at]!;
      out[at] = { ...s, leaves: [{ ...s.leaves[0]!, balanceWei: s.leaves[0]!.balanceWei + 1n }, ...s.leaves.slice(1)] };
      return out;
    }
    case 'skip-delayed': {
      const at = out.findIndex((s) => s.item.kind === 'delayed');
      if (at >= 0) out.splice(at, 1);
      return out;
    }
    case 'truncated':
      // The last delayed message left out of a proof that ends with it: fewer consumed than the inbox entry says.
      if (out[out.length - 1]?.item.kind === 'delayed') out.pop();
      return out;
    case 'withdrawal-slot': {
      const at = out.findIndex((s) => s.withdrawalSiblings !== undefined);
      if (at < 0) return out;
      const s = out[at]!;
      out[at] = { ...s, withdrawalSiblings: s.withdrawalSiblings!.map((x, i) => (i === 0 ? keccakText('occupied') : x)) };
      return out;
    }
    default:
      return out;
  }
}

