import { account, type Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { Role } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { RollupInboxFacade } from '../../l1/contracts/rollup-inbox.ts';
import type { Deployed, TxId } from '../../l1/L1.ts';
import type { RollupContracts } from './contracts.ts';
import type { Derivation } from './derivation.ts';

/** A root someone could propose: for the chain after `batchCount` inbox entries. */
export interface RootClaim {
  readonly batchCount: number;
  readonly stateRoot: Hex;
}

/**
 * Posts state roots to L1: the operator's proposer on a schedule, or any user who needs
 * a root and has waited long enough for one (permissionless proposing: how users exit
 * when the operator is gone). It proposes what its own derivation computed; a captured
 * proposer may instead take the sequencer's word for batches whose data was withheld.
 */
export class Proposer {
  readonly address: Address;
  private inFlight: { readonly id: TxId; readonly key: string; readonly batchCount: number } | undefined;
  /**
   * Proposals L1 refused while the batches they cover were already on L1: the same one
   * would be refused again, so it is not resent (a user whose proposal bounced would
   * otherwise send it again every block, each send mining the next block, forever).
   */
  private readonly refused = new Set<string>();

  constructor(
    readonly name: string,
    readonly role: Role,
    private readonly contracts: RollupContracts,
    private readonly derivation: Derivation,
    /** Extra roots to commit beyond what derivation can see (only a colluding operator has any). */
    private readonly claims: () => ReadonlyMap<number, Hex> = () => new Map(),
  ) {
    this.address = account(name).address;
  }

  /** The newest root this proposer would stand behind, if it covers more than the latest commitment. */
  async nextClaim(): Promise<RootClaim | undefined> {
    this.derivation.sync();
    const latest = (await this.contracts.commitments.commitment(await this.contracts.commitments.latest()))!;
    // Never build on a root our own derivation contradicts: it is for a challenger to remove.
    const parentRoot = this.derivation.rootsAfter(latest.batchCount)?.stateRoot;
    if (parentRoot !== undefined && parentRoot !== latest.stateRoot) return undefined;
    const posted = await this.contracts.inbox.batchCount();
    let best: RootClaim | undefined;
    const derived = Math.min(this.derivation.derivedBatchCount, posted);
    const roots = this.derivation.rootsAfter(derived);
    if (roots && derived > latest.batchCount) best = { batchCount: derived, stateRoot: roots.stateRoot };
    for (const [batchCount, stateRoot] of this.claims()) {
      if (batchCount <= posted && batchCount > (best?.batchCount ?? latest.batchCount)) best = { batchCount, stateRoot };
    }
    return best;
  }

  /** Proposes the next root: `sent`, `waiting` (a proposal of ours is still on its way to L1) or `nothing` new to propose. */
  async propose(world: World): Promise<'sent' | 'waiting' | 'nothing'> {
    if (this.inFlight && world.l1.receipt(this.inFlight.id).status === 'pending') return 'waiting';
    await this.learnFromRefusal(world);
    const claim = await this.nextClaim();
    if (!claim) return 'nothing';
    const { commitments } = this.contracts;
    const parent = await commitments.latest();
    const key = `${parent}:${claim.batchCount}:${claim.stateRoot}`;
    const bond = await commitments.bondWei();
    // A wallet does not send what it cannot pay for: without the bond there is no proposal to make.
    if (this.refused.has(key) || (await world.l1.balanceOf(this.address)) < bond) return 'nothing';
    this.inFlight = { id: await commitments.propose({ from: this.address, value: bond }, claim.stateRoot, claim.batchCount, parent), key, batchCount: claim.batchCount };
    await world.step('action', this.name, `proposes state root ${claim.stateRoot.slice(0, 10)} after ${claim.batchCount} inbox entries`, claim);
    return 'sent';
  }

  private async learnFromRefusal(world: World): Promise<void> {
    const sent = this.inFlight;
    if (!sent || world.l1.receipt(sent.id).status !== 'reverted') return;
    this.inFlight = undefined;
    if (await refusedForGood(world, this.contracts.inbox, sent)) this.refused.add(sent.key);
  }
}

/**
 * Whether L1 refused a root claim for good: the inbox entry the claim ends at had landed
 * before the refusing block, so the same claim would be refused again. One whose entry
 * landed at or after it was refused for timing (a reorg reordered them, or the batch was
 * delayed behind the claim) and is worth another try.
 */
export async function refusedForGood(world: World, inbox: Deployed<RollupInboxFacade>, sent: { readonly id: TxId; readonly batchCount: number }): Promise<boolean> {
  const receipt = world.l1.receipt(sent.id);
  const last = await inbox.batch(sent.batchCount - 1);
  return receipt.status === 'reverted' && last !== undefined && last.block < receipt.block!;
}

/** The operator's proposer: proposes every `intervalBlocks` while there is something new. */
export class OperatorProposer {
  readonly role = 'operator' as const;
  private nextAt = 0;
  private scheduled = new Set<number>();

  constructor(
    readonly name: string,
    private readonly proposer: Proposer,
    private readonly intervalBlocks: number,
  ) {}

  async onBlock(world: World): Promise<void> {
    await this.tick(world);
  }

  private async tick(world: World): Promise<void> {
    if (!world.actorsWith(this.role).includes(this) || !world.isOnline(this.name)) return;
    if (world.height < this.nextAt) return this.wake(world, this.nextAt);
    // Nothing new or a proposal still in the mempool: the next mined block calls again.
    if ((await this.proposer.propose(world)) === 'sent') this.nextAt = world.height + this.intervalBlocks;
  }

  private wake(world: World, height: number): void {
    if (this.scheduled.has(height)) return;
    this.scheduled.add(height);
    world.at(height, `${this.name} wakes`, async () => {
      this.scheduled.delete(height);
      await this.tick(world);
    });
  }
}
