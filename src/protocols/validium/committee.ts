import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { SignatureScheme } from '../../crypto/signatures.ts';
import type { World } from '../../kernel/world.ts';
import { MODEL_CHAIN_ID } from '../../l1/contracts/channel-state.ts';
import { certificateDigest, dataCommittee, type DataCommitteeFacade } from '../../l1/contracts/data-committee.ts';
import type { Deployed, L1, TxId } from '../../l1/L1.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import type { BatchDataSource } from '../rollup/data-availability.ts';
import type { BatchPublisher } from '../rollup/sequencer.ts';
import type { ZkDataCommittee } from '../zk/session.ts';
import { CommitteeMember } from './member.ts';

export interface CommitteeRules {
  readonly threshold: number;
  readonly retentionSeconds: number;
  readonly distinctSigners: boolean;
  readonly scheme: SignatureScheme;
  /** Most members the adversary may win over in this run: the trust assumption as a budget. */
  readonly maxColluders: number;
}

/** Room between the head's timestamp and the certificate's landing, so its expiry still covers the retention. */
const EXPIRY_MARGIN_SECONDS = 3_600;

/**
 * The data-availability committee as the sequencer sees it: it hands each batch to the
 * members, collects k signatures and certifies the hash on L1 so the batch can be posted
 * as a bare hash. When fewer than k members sign, it tells the sequencer to post the data
 * on L1 instead (AnyTrust's fallback). A captured sequencer asks only colluding members,
 * and pads a short certificate with repeated signatures in the hope L1 counts them.
 */
export class DataAvailabilityCommittee implements ZkDataCommittee, BatchPublisher {
  readonly members: CommitteeMember[];
  /** While set, the operator certifies with colluders alone, so no honest member holds the data. */
  private hidingData = false;
  private contract: Deployed<DataCommitteeFacade> | undefined;
  private readonly operatorKept = new Map<Hex, Uint8Array>();
  private lastHiddenCertificate: TxId | undefined;
  /** The operator keeps every batch it sequenced; its prover proves from this, whatever others can read. */
  readonly operatorCopy: BatchDataSource = { name: 'operator', batchData: (record: BatchRecord) => this.operatorKept.get(record.dataHash) };

  constructor(
    names: readonly string[],
    readonly rules: CommitteeRules,
  ) {
    this.members = names.map((n) => new CommitteeMember(n));
  }

  get sources(): readonly BatchDataSource[] {
    return this.members;
  }

  get publisher(): BatchPublisher {
    return this;
  }

  get facade(): Deployed<DataCommitteeFacade> {
    if (!this.contract) throw new Error('the data committee is not deployed yet');
    return this.contract;
  }

  async deploy(l1: L1): Promise<Address> {
    this.contract = await l1.deploy(dataCommittee, {
      chainId: MODEL_CHAIN_ID,
      members: this.members.map((m) => m.account.address),
      threshold: this.rules.threshold,
      minRetentionSeconds: this.rules.retentionSeconds,
      distinctSigners: this.rules.distinctSigners,
    });
    return this.contract.address;
  }

  /**
   * The adversary wins over the first `count` members (clamped to the run's trust
   * assumption, `maxColluders`); from now on the operator asks only them. Returns who.
   */
  collude(count: number): CommitteeMember[] {
    const colluders = this.members.slice(0, Math.min(count, this.rules.maxColluders));
    for (const m of colluders) m.colluding = true;
    this.hidingData = colluders.length > 0;
    this.lastHiddenCertificate = undefined;
    return colluders;
  }

  /** Members who can sign now: online ones; colluders only, while the operator hides data. */
  signers(world: World): CommitteeMember[] {
    return this.members.filter((m) => world.isOnline(m.name) && (!this.hidingData || m.colluding));
  }

  async publish(world: World, batch: { readonly poster: Address; readonly data: Uint8Array; readonly dataHash: Hex }): Promise<boolean> {
    this.operatorKept.set(batch.dataHash, batch.data);
    this.giveUpHidingIfRefused(world);
    const signers = this.signers(world);
    const { threshold } = this.rules;
    if (signers.length === 0 || (!this.hidingData && signers.length < threshold)) return this.fallBack(world, signers.length, batch.dataHash);
    const expirySeconds = world.l1.head().timestamp + this.rules.retentionSeconds + EXPIRY_MARGIN_SECONDS;
    const digest = certificateDigest(MODEL_CHAIN_ID, this.facade.address, batch.dataHash, expirySeconds);
    let signatures = signers.slice(0, threshold).map((m) => m.signFor(this.rules.scheme, digest, batch.dataHash, batch.data));
    // Too few colluders for a real certificate: the captured operator repeats their signatures and sees whether L1 counts members.
    while (signatures.length < threshold) signatures = [...signatures, signatures[signatures.length % signers.length]!];
    const txId = await this.facade.certify({ from: batch.poster }, { dataHash: batch.dataHash, expirySeconds, signatures });
    if (this.hidingData) this.lastHiddenCertificate = txId;
    const who = [...new Set(signatures.map((s) => signerName(this.members, s.signer)))].join(', ');
    await world.step('l2', 'committee', `submits a certificate for batch data ${batch.dataHash.slice(0, 10)} with ${signatures.length} signatures (${who})${this.hidingData ? ': colluders only, the data is withheld' : ''}`, {
      dataHash: batch.dataHash,
      signers: who,
    });
    return true;
  }

  /** AnyTrust's rule: a batch the committee cannot certify goes to L1 with its data, never stalls and never lands bare. */
  private async fallBack(world: World, signers: number, dataHash: Hex): Promise<false> {
    const needed = this.rules.threshold;
    await world.step('l2', 'committee', `only ${signers} of ${this.members.length} members can sign batch data ${dataHash.slice(0, 10)}, ${needed} needed: the sequencer falls back to posting it on L1`, { dataHash });
    return false;
  }

  /** A hidden certificate L1 refused: the captured operator stops trying and certifies as an honest one would. */
  private giveUpHidingIfRefused(world: World): void {
    if (!this.hidingData || !this.lastHiddenCertificate || world.l1.receipt(this.lastHiddenCertificate).status !== 'reverted') return;
    this.hidingData = false;
    world.record('l2', 'committee', `L1 refused the colluders' certificate (${world.l1.receipt(this.lastHiddenCertificate).revertReason}): the operator certifies with honest members again`);
  }
}

function signerName(members: readonly CommitteeMember[], address: Address): string {
  return members.find((m) => m.account.address === address.toLowerCase())?.name ?? address;
}

