import type { Hex } from '../../../crypto/keccak.ts';
import type { StateCommitment, StateCommitmentsParams } from '../../contracts/state-commitments.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class StateCommitments {
  private readonly commitments: Mapping<number, StateCommitment>;
  private readonly total: Slot<number>;

  constructor(
    env: ContractEnv,
    private readonly params: StateCommitmentsParams,
  ) {
    this.commitments = env.mapping();
    this.total = env.slot(1);
    this.commitments.set(0, { index: 0, stateRoot: params.genesisRoot, batchCount: 0, proposer: env.address, postedBlock: 0 });
  }

  propose(ctx: CallContext, stateRoot: Hex, batchCount: number, parentIndex: number): void {
    const parent = this.commitments.get(this.total.value - 1)!;
    require(parentIndex === parent.index, `commitment ${parentIndex} is not the latest (${parent.index})`);
    require(batchCount > parent.batchCount, `commitment must cover more than ${parent.batchCount} batches`);
    const posted = ctx.view<number>(this.params.rollupInbox, 'batchCount', []);
    require(batchCount <= posted, `only ${posted} batches are in the inbox`);
    const commitment: StateCommitment = { index: this.total.value, stateRoot, batchCount, proposer: ctx.sender, postedBlock: ctx.block.number };
    this.commitments.set(commitment.index, commitment);
    this.total.set(commitment.index + 1);
    ctx.emit('StateCommitted', { ...commitment });
  }

  count(): number {
    return this.total.value;
  }

  commitment(index: number): StateCommitment | undefined {
    return this.commitments.get(index);
  }

  isFinalAt(index: number, height: number): boolean {
    const c = this.commitments.get(index);
    return c !== undefined && this.finality(c, height);
  }

  latestFinalAt(height: number): number {
    for (let i = this.total.value - 1; i > 0; i--) if (this.finality(this.commitments.get(i)!, height)) return i;
    return 0;
  }

  /**
   * PLACEHOLDER FINALITY RULE — replaced by the optimistic issue (challenge window with
   * bisection fraud proofs) and the zk issue (validity proofs). A root is final once the
   * window has passed since it was posted; roots are proposed in order, so a final root's
   * parents are final too. Nothing here checks that the root is right.
   */
  private finality(c: StateCommitment, height: number): boolean {
    if (c.index === 0) return true;
    return height >= c.postedBlock + this.params.challengeWindowBlocks;
  }
}
