import { account, nameOf, type Account } from '../../crypto/accounts.ts';
import { sign, type SignatureScheme } from '../../crypto/signatures.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import { pegOutDigest, type FederationBridgeFacade, type FederationSignature } from '../../l1/contracts/federation-bridge.ts';
import type { Deployed, L1Log } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import { SidechainLedger, type BurnedPegOut, type SidechainTx } from './ledger.ts';

/** A signed peg-out handed to its user: enough for the bridge, with or without the federation. */
export interface PegOutCertificate {
  readonly pegOut: BurnedPegOut;
  readonly signatures: readonly FederationSignature[];
}

export interface FederationRules {
  readonly threshold: number;
  readonly pegOutDelayBlocks: number;
  readonly chainId: bigint;
  readonly scheme: SignatureScheme;
}

/**
 * One federation member (a Liquid "functionary"): an operator actor. The recovery phase
 * removes every member, which is the sidechain's version of the operator disappearing.
 */
export class FederationMember implements Actor {
  readonly role = 'operator' as const;
  readonly account: Account;

  constructor(
    readonly name: string,
    private readonly federation: Federation,
  ) {
    this.account = account(name);
  }

  /** Members take turns: only the round's proposer drives it, the others sign what it proposes. */
  async onBlock(world: World): Promise<void> {
    if (this.federation.proposer(world) === this) await this.federation.round(world, this);
  }
}

/**
 * The federation: it credits final L1 peg-ins, produces sidechain blocks signed by k of
 * its n members, and signs peg-outs once they are old enough. It needs k members present
 * and online for anything to happen; L1 cannot make it act.
 */
export class Federation {
  readonly members: FederationMember[];
  private queue: SidechainTx[] = [];
  private readonly certified = new Set<number>();
  private readonly timed = new Set<string>();

  constructor(
    names: readonly string[],
    readonly rules: FederationRules,
    readonly bridge: Deployed<FederationBridgeFacade>,
    readonly ledger: SidechainLedger,
    private readonly deliver: (certificate: PegOutCertificate) => void,
  ) {
    this.members = names.map((n) => new FederationMember(n, this));
  }

  /** Members that still exist (not halted) and are online: the ones who can sign now. */
  signers(world: World): FederationMember[] {
    const present = new Set(world.actorsWith('operator').map((a) => a.name));
    return this.members.filter((m) => present.has(m.name) && world.isOnline(m.name));
  }

  /** Round-robin by L1 height over the members who can sign (Liquid's functionaries take turns the same way). */
  proposer(world: World): FederationMember | undefined {
    const signers = this.signers(world);
    return signers[world.height % Math.max(1, signers.length)];
  }

  /** Whether anyone is left to take requests at all. */
  exists(world: World): boolean {
    return world.actorsWith('operator').some((a) => this.members.some((m) => m.name === a.name));
  }

  /** A user's transfer or peg-out request, for the next block. */
  submit(world: World, tx: SidechainTx): void {
    this.queue.push(tx);
    this.wake(world, world.height + 1, 'sidechain block');
  }

  async round(world: World, proposer: FederationMember): Promise<void> {
    const signers = this.signers(world);
    if (signers.length < this.rules.threshold) return;
    this.queueFinalPegIns(world);
    await this.produceBlock(world, proposer, signers);
    await this.certifyDuePegOuts(world, proposer, signers);
  }

  /** L1 heights where something becomes due: a peg-in turning final, a peg-out old enough to sign. */
  deadlines(world: World): number[] {
    const pegIns = this.pegInLogs(world).filter((l) => !this.ledger.isCredited(l.args.id as number)).map((l) => l.block + world.l1.finalityDepth);
    const pegOuts = this.ledger.burned.filter((b) => !this.certified.has(b.id)).map((b) => b.burnedAtL1 + this.rules.pegOutDelayBlocks);
    return [...pegIns, ...pegOuts];
  }

  pegInLogs(world: World): L1Log[] {
    return world.l1.logs({ contract: this.bridge.address, name: 'PegIn' });
  }

  /**
   * Credits a peg-in only once its L1 block is final: crediting earlier would let an L1
   * reorg take the deposit back while its sidechain coins stay spendable.
   */
  private queueFinalPegIns(world: World): void {
    const finalized = world.l1.finalized().number;
    const queued = new Set(this.queue.flatMap((t) => (t.kind === 'peg-in' ? [t.pegInId] : [])));
    for (const log of this.pegInLogs(world)) {
      const id = log.args.id as number;
      if (this.ledger.isCredited(id) || queued.has(id)) continue;
      if (log.block > finalized) {
        this.wake(world, log.block + world.l1.finalityDepth, `peg-in ${id} final`);
        continue;
      }
      this.queue.push({ kind: 'peg-in', pegInId: id, user: nameOf(log.args.recipient as string), amountWei: log.args.amountWei as bigint });
    }
  }

  private async produceBlock(world: World, proposer: FederationMember, signers: readonly FederationMember[]): Promise<void> {
    if (this.queue.length === 0) return;
    const txs = this.ledger.admissible(this.queue);
    this.queue = [];
    if (txs.length === 0) return;
    const unsigned = { number: this.ledger.blocks.length, parent: this.ledger.headHash, l1Height: world.height, txs };
    const hash = SidechainLedger.hashOf(unsigned);
    const signatures = signers.map((m) => ({ signer: m.account.address, signature: sign(this.rules.scheme, m.account, hash) }));
    this.ledger.append({ ...unsigned, hash, signatures });
    for (const tx of txs) if (tx.kind === 'peg-out') this.wake(world, world.height + this.rules.pegOutDelayBlocks, 'peg-out due');
    await world.step('action', proposer.name, `sidechain block ${unsigned.number} signed by ${signers.length} of ${this.members.length}: ${txs.map(describeTx).join('; ')}`, {
      block: unsigned.number,
      txs,
    });
  }

  private async certifyDuePegOuts(world: World, proposer: FederationMember, signers: readonly FederationMember[]): Promise<void> {
    for (const pegOut of this.ledger.burned) {
      if (this.certified.has(pegOut.id) || world.height < pegOut.burnedAtL1 + this.rules.pegOutDelayBlocks) continue;
      const digest = pegOutDigest(this.rules.chainId, this.bridge.address, pegOut);
      const signatures = signers.slice(0, this.rules.threshold).map((m) => ({ signer: m.account.address, signature: sign(this.rules.scheme, m.account, digest) }));
      this.certified.add(pegOut.id);
      this.deliver({ pegOut, signatures });
      await world.step('action', proposer.name, `federation signs peg-out ${pegOut.id}: ${formatEth(pegOut.amountWei)} to ${pegOut.user} (${signatures.length} of ${this.members.length})`, {
        pegOut: pegOut.id,
      });
    }
  }

  /** A timer forces an L1 block at `height`, so the federation gets a round there even across a skip. */
  private wake(world: World, height: number, label: string): void {
    const key = `${label}@${height}`;
    if (this.timed.has(key)) return;
    this.timed.add(key);
    world.at(height, label, () => {});
  }
}

function describeTx(tx: SidechainTx): string {
  if (tx.kind === 'peg-in') return `credit peg-in ${tx.pegInId} ${formatEth(tx.amountWei)} to ${tx.user}`;
  if (tx.kind === 'transfer') return `${tx.from} pays ${tx.to} ${formatEth(tx.amountWei)}`;
  return `${tx.user} burns ${formatEth(tx.amountWei)} to peg out`;
}
