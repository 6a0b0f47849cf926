import { account, type Account } from '../../crypto/accounts.ts';
import { sign, type SignatureScheme } from '../../crypto/signatures.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import { pegOutDigest, type FederationBridgeFacade, type PegOut } from '../../l1/contracts/federation-bridge.ts';
import type { Deployed, TxId } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import type { PegOutCertificate } from './federation.ts';

/**
 * A sidechain user. It keeps the peg-out certificates the federation hands it and
 * submits them to the L1 bridge itself: once signed, a peg-out needs no one else.
 */
export class SidechainUser implements Actor {
  readonly role = 'honest' as const;
  readonly account: Account;
  readonly certificates: PegOutCertificate[] = [];
  private readonly submitted = new Map<number, TxId>();

  constructor(
    readonly name: string,
    private readonly bridge: Deployed<FederationBridgeFacade>,
    private readonly chainId: bigint,
    private readonly scheme: SignatureScheme,
  ) {
    this.account = account(name);
  }

  receive(certificate: PegOutCertificate): void {
    this.certificates.push(certificate);
  }

  async onBlock(world: World): Promise<void> {
    await this.submitCertificates(world);
  }

  /** Sends every certificate not sent yet, once: a reorged send goes back to the mempool by itself. */
  async submitCertificates(world: World): Promise<void> {
    for (const { pegOut, signatures } of this.certificates) {
      if (this.submitted.has(pegOut.id) || (await this.bridge.isPaid(pegOut.id))) continue;
      this.submitted.set(pegOut.id, await this.bridge.pegOut({ from: this.account.address }, pegOut, signatures));
      await world.step('action', this.name, `submits signed peg-out ${pegOut.id} (${formatEth(pegOut.amountWei)}) to the L1 bridge`, { pegOut: pegOut.id });
    }
  }

  /** Unpaid certificates in hand, by amount: what this user can still recover with no federation. */
  async unpaidCertifiedWei(): Promise<bigint> {
    let total = 0n;
    for (const { pegOut } of this.certificates) if (!(await this.bridge.isPaid(pegOut.id))) total += pegOut.amountWei;
    return total;
  }

  /**
   * The only L1-alone exit a sidechain user has: claim its balance at the bridge with
   * its own signature. The bridge counts federation signatures only, so it reverts.
   */
  async claimWithoutFederation(world: World, id: number, amountWei: bigint): Promise<void> {
    const claim: PegOut = { id, recipient: this.account.address, amountWei };
    const own = sign(this.scheme, this.account, pegOutDigest(this.chainId, this.bridge.address, claim));
    await this.bridge.pegOut({ from: this.account.address }, claim, [{ signer: this.account.address, signature: own }]);
    await world.step('action', this.name, `claims ${formatEth(amountWei)} at the L1 bridge without federation signatures`, { amountWei });
  }
}
