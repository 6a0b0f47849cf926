import type { Address } from '../../../crypto/accounts.ts';
import { signerOf } from '../../../crypto/signatures.ts';
import { pegOutDigest, type FederationBridgeParams, type FederationSignature, type PegOut } from '../../contracts/federation-bridge.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class FederationBridge {
  private readonly escrow: Slot<bigint>;
  private readonly nextPegIn: Slot<number>;
  private readonly paid: Mapping<number, true>;
  private readonly memberSet: ReadonlySet<string>;

  constructor(
    env: ContractEnv,
    private readonly params: FederationBridgeParams,
  ) {
    const members = params.members.map((m) => m.toLowerCase());
    if (new Set(members).size !== members.length) throw new Error('federation members must be distinct');
    if (!Number.isInteger(params.threshold) || params.threshold < 1 || params.threshold > members.length) {
      throw new Error(`federation threshold ${params.threshold} must be between 1 and ${members.length}`);
    }
    this.memberSet = new Set(members);
    this.escrow = env.slot(0n);
    this.nextPegIn = env.slot(0);
    this.paid = env.mapping();
  }

  pegIn(ctx: CallContext, sidechainRecipient: Address): void {
    require(ctx.value > 0n, 'peg-in needs value');
    const id = this.nextPegIn.value;
    this.nextPegIn.set(id + 1);
    this.escrow.set(this.escrow.value + ctx.value);
    ctx.emit('PegIn', { id, from: ctx.sender, recipient: sidechainRecipient.toLowerCase(), amountWei: ctx.value });
  }

  /** The federated-peg trust model in one check: k member signatures, and nothing L1 could verify about the sidechain. */
  pegOut(ctx: CallContext, pegOut: PegOut, signatures: readonly FederationSignature[]): void {
    require(pegOut.amountWei > 0n, 'peg-out needs an amount');
    require(!this.paid.has(pegOut.id), `peg-out ${pegOut.id} was already paid`);
    const approvals = this.approvals(ctx.self, pegOut, signatures);
    require(approvals >= this.params.threshold, `peg-out ${pegOut.id} needs ${this.params.threshold} of ${this.memberSet.size} federation signatures, got ${approvals}`);
    require(pegOut.amountWei <= this.escrow.value, 'peg-out exceeds the escrow');
    this.paid.set(pegOut.id, true);
    this.escrow.set(this.escrow.value - pegOut.amountWei);
    ctx.pay(pegOut.recipient, pegOut.amountWei);
    ctx.emit('PegOut', { id: pegOut.id, recipient: pegOut.recipient.toLowerCase(), amountWei: pegOut.amountWei });
  }

  escrowedWei(): bigint {
    return this.escrow.value;
  }

  isPaid(id: number): boolean {
    return this.paid.has(id);
  }

  threshold(): number {
    return this.params.threshold;
  }

  members(): readonly Address[] {
    return [...this.params.members];
  }

  /** Distinct members with a valid signature: a repeated or outside signer counts for nothing. */
  private approvals(self: Address, pegOut: PegOut, signatures: readonly FederationSignature[]): number {
    const digest = pegOutDigest(this.params.chainId, self, pegOut);
    const approved = new Set<string>();
    for (const s of signatures) {
      const signer = s.signer.toLowerCase();
      if (this.memberSet.has(signer) && !approved.has(signer) && signerOf(digest, s.signature, s.signer)) approved.add(signer);
    }
    return approved.size;
  }
}
