import type { Address } from '../../../crypto/accounts.ts';
import { ZERO_HASH, type Hex } from '../../../crypto/keccak.ts';
import { rootFromProof, verifyMerkleProof } from '../../../crypto/merkle.ts';
import { delayedToMessage } from '../../../protocols/rollup/derivation.ts';
import { touchedBy, type Account } from '../../../protocols/rollup/state.ts';
import { authenticate, type L2Message } from '../../../protocols/rollup/transaction.ts';
import { transition, type BatchProof, type ProofStep } from '../../../protocols/zk/circuit.ts';
import type { DelayedMessage } from '../../contracts/delayed-inbox.ts';
import type { BatchRecord } from '../../contracts/rollup-inbox.ts';
import { ACCOUNT_TREE_DEPTH, accountLeaf, stateRootOf, WITHDRAWAL_TREE_DEPTH, withdrawalLeaf, type StateRoots } from '../../contracts/rollup-state.ts';
import type { StateCommitment } from '../../contracts/state-commitments.ts';
import type { ZkVerifierParams } from '../../contracts/zk-verifier.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

/** The verifier's running view while it re-executes one proof. */
interface Running {
  roots: StateRoots;
  delayedRead: number;
}

export class ZkVerifier {
  private readonly commitments: Mapping<number, StateCommitment>;
  private readonly total: Slot<number>;
  private readonly roots: Slot<StateRoots>;
  private readonly delayedRead: Slot<number>;
  /** Account leaf index by address: accounts take the next index on first write, so a new account is provably empty. */
  private readonly accountIndex: Mapping<Address, number>;
  private readonly frozen: Slot<boolean>;

  constructor(
    env: ContractEnv,
    private readonly params: ZkVerifierParams,
  ) {
    this.commitments = env.mapping();
    this.total = env.slot(1);
    this.roots = env.slot(params.genesis);
    this.delayedRead = env.slot(0);
    this.accountIndex = env.mapping();
    this.frozen = env.slot(false);
    this.commitments.set(0, { index: 0, stateRoot: stateRootOf(params.genesis), batchCount: 0, proposer: env.address, postedBlock: 0, parentIndex: -1 });
  }

  propose(ctx: CallContext, stateRoot: Hex, batchCount: number, parentIndex: number, proof?: BatchProof): void {
    require(ctx.sender === this.params.prover, 'only the prover submits validity proofs');
    require(!this.frozen.value, 'the rollup is frozen');
    require(proof !== undefined, 'a state root needs a validity proof');
    const parent = this.commitments.get(this.total.value - 1)!;
    require(parentIndex === parent.index, `commitment ${parentIndex} is not the latest (${parent.index})`);
    require(batchCount > parent.batchCount, `proof must cover more than ${parent.batchCount} batches`);
    const last = ctx.view<BatchRecord | undefined>(this.params.rollupInbox, 'batch', [batchCount - 1]);
    require(last !== undefined, `inbox entry ${batchCount - 1} is not posted`);
    const running: Running = { roots: this.roots.value, delayedRead: this.delayedRead.value };
    proof.steps.forEach((step, i) => this.execute(ctx, running, step, i));
    require(running.delayedRead === last.afterDelayedRead, `proof consumes ${running.delayedRead} delayed messages, the inbox says ${last.afterDelayedRead}`);
    const post = stateRootOf(running.roots);
    require(post === stateRoot, `re-execution gives root ${post.slice(0, 10)}, the proof claims ${stateRoot.slice(0, 10)}`);
    this.roots.set(running.roots);
    this.delayedRead.set(running.delayedRead);
    const commitment: StateCommitment = { index: this.total.value, stateRoot, batchCount, proposer: ctx.sender, postedBlock: ctx.block.number, parentIndex };
    this.commitments.set(commitment.index, commitment);
    this.total.set(commitment.index + 1);
    ctx.emit('BatchVerified', { ...commitment, steps: proof.steps.length });
  }

  freeze(ctx: CallContext, delayedIndex: number): void {
    const deadline = this.params.freezeDeadlineBlocks;
    require(deadline !== null, 'this rollup enforces no deadline on forced requests: it cannot be frozen');
    require(!this.frozen.value, 'already frozen');
    require(delayedIndex >= this.delayedRead.value, `delayed message ${delayedIndex} was served by a verified batch`);
    const m = ctx.view<DelayedMessage | undefined>(this.params.delayedInbox, 'message', [delayedIndex]);
    require(m !== undefined, `no delayed message ${delayedIndex}`);
    require(ctx.block.number >= m.block + deadline, `delayed message ${delayedIndex} is within its deadline until block ${m.block + deadline}`);
    this.frozen.set(true);
    ctx.emit('Frozen', { delayedIndex, by: ctx.sender });
  }

  count(): number {
    return this.total.value;
  }

  commitment(index: number): StateCommitment | undefined {
    return this.commitments.get(index);
  }

  /** A verified root is final: the proof is the finality. */
  isFinalAt(index: number, _height: number): boolean {
    return index < this.total.value;
  }

  latestFinalAt(_height: number): number {
    return this.total.value - 1;
  }

  /** A proven root is never rejected; the newest is what the next proof extends. */
  latest(): number {
    return this.total.value - 1;
  }

  isRejectedAt(_index: number, _height: number): boolean {
    return false;
  }

  /** Proofs need no bond: a wrong root cannot be proposed in the first place. */
  bondWei(): bigint {
    return 0n;
  }

  verifiedDelayedRead(): number {
    return this.delayedRead.value;
  }

  verifiedRoots(): StateRoots {
    return this.roots.value;
  }

  isFrozen(): boolean {
    return this.frozen.value;
  }

  /** Re-executes one step: authenticate, check every touched leaf's witness, apply, write the new leaves. */
  private execute(ctx: CallContext, running: Running, step: ProofStep, i: number): void {
    const message = this.messageOf(ctx, running, step, i);
    const touched = touchedBy(message).map((a) => a.toLowerCase() as Address);
    require(step.leaves.length === touched.length && step.leaves.every((l, k) => l.address.toLowerCase() === touched[k]), `step ${i}: witnesses do not match the touched accounts`);
    const pre = new Map(step.leaves.map((l) => [l.address.toLowerCase(), { balanceWei: l.balanceWei, nonce: l.nonce } as Account]));
    const effect = transition((a) => pre.get(a.toLowerCase())!, message, this.params.constraints);
    const writes = new Map(effect.status === 'ok' ? effect.writes.map(([a, acc]) => [a.toLowerCase(), acc]) : []);
    let { accountsRoot, accountCount } = running.roots;
    for (const leaf of step.leaves) {
      const address = leaf.address.toLowerCase() as Address;
      const known = this.accountIndex.get(address);
      const written = writes.get(address);
      if (known === undefined) {
        // Unregistered means empty: its witness must say so, and it takes the next index only if written.
        require(leaf.balanceWei === 0n && leaf.nonce === 0, `step ${i}: a new account must start empty`);
        if (!written) continue;
      }
      const index = known ?? accountCount;
      const before = known === undefined ? ZERO_HASH : accountLeaf(address, leaf.balanceWei, leaf.nonce);
      require(verifyMerkleProof(accountsRoot, before, index, leaf.siblings, ACCOUNT_TREE_DEPTH), `step ${i}: witness for ${address} does not match the verified root`);
      if (!written) continue;
      accountsRoot = rootFromProof(accountLeaf(address, written.balanceWei, written.nonce), index, leaf.siblings);
      if (known === undefined) {
        this.accountIndex.set(address, index);
        accountCount++;
      }
    }
    let { withdrawalsRoot, withdrawalCount } = running.roots;
    if (effect.status === 'ok' && effect.withdrawal) {
      const siblings = step.withdrawalSiblings ?? [];
      require(verifyMerkleProof(withdrawalsRoot, ZERO_HASH, withdrawalCount, siblings, WITHDRAWAL_TREE_DEPTH), `step ${i}: withdrawal slot witness does not match the verified root`);
      const w = effect.withdrawal;
      const leaf = withdrawalLeaf({ index: withdrawalCount, from: w.from.toLowerCase() as Address, to: w.to.toLowerCase() as Address, amountWei: w.amountWei });
      withdrawalsRoot = rootFromProof(leaf, withdrawalCount, siblings);
      withdrawalCount++;
    }
    running.roots = { accountsRoot, accountCount, withdrawalsRoot, withdrawalCount };
  }

  /** Sequenced transactions must carry a valid signature; delayed messages are read from the delayed inbox, in order. */
  private messageOf(ctx: CallContext, running: Running, step: ProofStep, i: number): L2Message {
    if (step.item.kind === 'tx') {
      const message = authenticate(step.item.tx, this.params.chainId);
      require(message !== undefined, `step ${i}: bad signature`);
      return message;
    }
    require(step.item.index === running.delayedRead, `step ${i}: delayed message ${step.item.index} out of order (next is ${running.delayedRead})`);
    const m = ctx.view<DelayedMessage | undefined>(this.params.delayedInbox, 'message', [step.item.index]);
    require(m !== undefined, `step ${i}: no delayed message ${step.item.index}`);
    running.delayedRead++;
    return delayedToMessage(m);
  }
}
