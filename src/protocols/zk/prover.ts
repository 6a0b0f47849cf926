import { account, type Address } from '../../crypto/accounts.ts';
import { keccakText, type Hex } from '../../crypto/keccak.ts';
import { canonicalJson } from '../../kernel/canonical.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { TxId } from '../../l1/L1.ts';
import type { Derivation } from '../rollup/derivation.ts';
import { refusedForGood } from '../rollup/proposer.ts';
import { ALL_CONSTRAINTS, type BatchProof, type Constraints } from './circuit.ts';
import type { ZkContracts } from './contracts.ts';
import { messageOf, provenItem, WitnessedState } from './witness.ts';

/** A proof ready to send: the root after `batchCount` inbox entries and its witness. */
export interface ProofClaim {
  readonly batchCount: number;
  readonly parentIndex: number;
  readonly stateRoot: Hex;
  readonly proof: BatchProof;
}

/**
 * The operator's prover: every `intervalBlocks`, proves the batches posted since the last
 * verified root, from its own derivation of L1 data. Only it may submit proofs. Its
 * `circuit` is the transition it proves; an adversary who controls it (or a bug in it)
 * may prove with a constraint missing — only an unsound verifier accepts such a proof.
 */
export class ZkProver implements Actor {
  readonly role = 'operator' as const;
  readonly address: Address;
  circuit: Constraints = ALL_CONSTRAINTS;
  private inFlight: { readonly id: TxId; readonly claim: string; readonly batchCount: number } | undefined;
  /**
   * Claims L1 refused while everything they prove was already on L1. The verifier's answer
   * depends only on the proof, the last verified root and the inbox, so the same claim
   * would be refused again: resending it every interval (a corrupted circuit's forged proof,
   * an honest proof before an unsound verifier) would fill L1 with reverts forever.
   */
  private readonly refused = new Set<string>();
  private nextAt = 0;
  private scheduled = new Set<number>();

  constructor(
    readonly name: string,
    private readonly contracts: ZkContracts,
    private readonly derivation: Derivation,
    private readonly chainId: number,
    private readonly intervalBlocks: number,
  ) {
    this.address = account(name).address;
  }

  async onBlock(world: World): Promise<void> {
    await this.tick(world);
  }

  /** The state this prover's circuit computes after the first `batchCount` inbox entries. */
  stateAfter(batchCount: number): WitnessedState {
    this.derivation.sync();
    const state = new WitnessedState(this.circuit);
    for (const item of this.derivation.appliedIn(0, batchCount)) state.prove(provenItem(item), messageOf(item, this.derivation.delayed, this.chainId));
    return state;
  }

  /** The proof of everything derived beyond the latest verified root, if there is anything. */
  async nextClaim(): Promise<ProofClaim | undefined> {
    this.derivation.sync();
    const { verifier, inbox } = this.contracts;
    const parentIndex = (await verifier.count()) - 1;
    const from = (await verifier.commitment(parentIndex))!.batchCount;
    const to = Math.min(this.derivation.derivedBatchCount, await inbox.batchCount());
    if (to <= from) return undefined;
    const state = this.stateAfter(from);
    const steps = this.derivation.appliedIn(from, to).map((item) => state.prove(provenItem(item), messageOf(item, this.derivation.delayed, this.chainId)));
    return { batchCount: to, parentIndex, stateRoot: state.stateRoot(), proof: { steps } };
  }

  /** Sends the next proof: `sent`, `waiting` for one in flight, or `nothing` new. */
  async prove(world: World): Promise<'sent' | 'waiting' | 'nothing'> {
    if (this.inFlight && world.l1.receipt(this.inFlight.id).status === 'pending') return 'waiting';
    await this.learnFromRefusal(world);
    if (await this.contracts.verifier.isFrozen()) return 'nothing';
    const claim = await this.nextClaim();
    if (!claim) return 'nothing';
    const key = await this.claimKey(claim);
    if (this.refused.has(key)) return 'nothing';
    const id = await this.contracts.verifier.propose({ from: this.address }, claim.stateRoot, claim.batchCount, claim.parentIndex, claim.proof);
    this.inFlight = { id, claim: key, batchCount: claim.batchCount };
    await world.step('action', this.name, `proves ${claim.proof.steps.length} transactions up to inbox entry ${claim.batchCount}: root ${claim.stateRoot.slice(0, 10)}`, {
      batchCount: claim.batchCount,
    });
    return 'sent';
  }

  /** A proof refused for good is not sent again; one refused for timing is (see refusedForGood). */
  private async learnFromRefusal(world: World): Promise<void> {
    const sent = this.inFlight;
    if (!sent || world.l1.receipt(sent.id).status !== 'reverted') return;
    this.inFlight = undefined;
    if (await refusedForGood(world, this.contracts.inbox, sent)) this.refused.add(sent.claim);
  }

  /** What the verifier's answer depends on: the parent it extends and the proof itself. */
  private async claimKey(claim: ProofClaim): Promise<string> {
    const parent = (await this.contracts.verifier.commitment(claim.parentIndex))!;
    return keccakText(canonicalJson({ parent: parent.stateRoot, ...claim }));
  }

  private async tick(world: World): Promise<void> {
    if (!world.actorsWith(this.role).includes(this) || !world.isOnline(this.name)) return;
    if (world.height < this.nextAt) return this.wake(world, this.nextAt);
    if ((await this.prove(world)) === 'sent') this.nextAt = world.height + this.intervalBlocks;
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
