import type { Address } from '../../../crypto/accounts.ts';
import type { Hex } from '../../../crypto/keccak.ts';
import { signerOf } from '../../../crypto/signatures.ts';
import { certificateDigest, type DataCertificate, type DataCommitteeParams } from '../../contracts/data-committee.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping } from '../storage.ts';

export class DataCommittee {
  private readonly certified: Mapping<Hex, number>;
  private readonly memberSet: ReadonlySet<string>;

  constructor(
    env: ContractEnv,
    private readonly params: DataCommitteeParams,
  ) {
    const members = params.members.map((m) => m.toLowerCase());
    if (new Set(members).size !== members.length) throw new Error('committee members must be distinct');
    if (!Number.isInteger(params.threshold) || params.threshold < 1 || params.threshold > members.length) {
      throw new Error(`committee threshold ${params.threshold} must be between 1 and ${members.length}`);
    }
    this.memberSet = new Set(members);
    this.certified = env.mapping();
  }

  certify(ctx: CallContext, certificate: DataCertificate): void {
    const { dataHash, expirySeconds } = certificate;
    // A certificate that expires before the promised retention lets members drop the data while a root over it still matters.
    require(
      expirySeconds >= ctx.block.timestamp + this.params.minRetentionSeconds,
      `certificate expires at ${expirySeconds}, before the ${this.params.minRetentionSeconds}-second retention from ${ctx.block.timestamp}`,
    );
    const approvals = this.approvals(ctx.self, certificate);
    require(approvals >= this.params.threshold, `data ${dataHash.slice(0, 10)} needs ${this.params.threshold} of ${this.memberSet.size} committee signatures, got ${approvals}`);
    this.certified.set(dataHash, Math.max(expirySeconds, this.certified.get(dataHash) ?? 0));
    ctx.emit('DataCertified', { dataHash, expirySeconds, signers: certificate.signatures.map((s) => s.signer.toLowerCase()) });
  }

  certifiedUntil(dataHash: Hex): number {
    return this.certified.get(dataHash) ?? 0;
  }

  threshold(): number {
    return this.params.threshold;
  }

  members(): readonly Address[] {
    return [...this.params.members];
  }

  /** Member signatures that verify; each member once unless the twin counts repeats. */
  private approvals(self: Address, certificate: DataCertificate): number {
    const digest = certificateDigest(this.params.chainId, self, certificate.dataHash, certificate.expirySeconds);
    const approved = new Set<string>();
    let count = 0;
    for (const s of certificate.signatures) {
      const signer = s.signer.toLowerCase();
      if (!this.memberSet.has(signer) || !signerOf(digest, s.signature, s.signer)) continue;
      if (this.params.distinctSigners && approved.has(signer)) continue;
      approved.add(signer);
      count++;
    }
    return count;
  }
}
