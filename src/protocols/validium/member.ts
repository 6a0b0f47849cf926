import { account, type Account } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { sign, type SignatureScheme } from '../../crypto/signatures.ts';
import type { CommitteeSignature } from '../../l1/contracts/data-committee.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import type { BatchDataSource } from '../rollup/data-availability.ts';

/**
 * One data-availability committee member (a DAS server): it keeps every batch it signs for
 * and serves it to anyone who asks — unless it colludes with the operator, in which case
 * it signs whatever it is asked and serves nothing. It is not the operator: when the
 * sequencer disappears an honest member still serves what it signed for.
 */
export class CommitteeMember implements BatchDataSource {
  readonly account: Account;
  /** Won over by the adversary (capability `committee-collusion`). */
  colluding = false;
  private readonly kept = new Map<Hex, Uint8Array>();

  constructor(readonly name: string) {
    this.account = account(name);
  }

  /** Takes the batch's data into its store, then signs the certificate digest: a member signs only for data it holds. */
  signFor(scheme: SignatureScheme, digest: Hex, dataHash: Hex, data: Uint8Array): CommitteeSignature {
    if (!this.colluding) this.kept.set(dataHash, data);
    return { signer: this.account.address, signature: sign(scheme, this.account, digest) };
  }

  holds(dataHash: Hex): boolean {
    return this.kept.has(dataHash);
  }

  batchData(record: BatchRecord): Uint8Array | undefined {
    return this.colluding ? undefined : this.kept.get(record.dataHash);
  }
}
