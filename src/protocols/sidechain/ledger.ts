import { account, type Address } from '../../crypto/accounts.ts';
import { keccakText, ZERO_HASH, type Hex } from '../../crypto/keccak.ts';
import { signerOf } from '../../crypto/signatures.ts';
import { canonicalJson } from '../../kernel/canonical.ts';
import type { FederationSignature, PegOut } from '../../l1/contracts/federation-bridge.ts';

/** What the sidechain's blocks carry: credits of L1 peg-ins, transfers, and burns for peg-outs. */
export type SidechainTx =
  | { readonly kind: 'peg-in'; readonly pegInId: number; readonly user: string; readonly amountWei: bigint }
  | { readonly kind: 'transfer'; readonly from: string; readonly to: string; readonly amountWei: bigint }
  | { readonly kind: 'peg-out'; readonly user: string; readonly amountWei: bigint };

export interface SidechainBlock {
  readonly number: number;
  readonly parent: Hex;
  readonly hash: Hex;
  /** L1 height when the federation produced it (the sidechain has no clock of its own in the model). */
  readonly l1Height: number;
  readonly txs: readonly SidechainTx[];
  readonly signatures: readonly FederationSignature[];
}

/** A peg-out the sidechain has burned: owed on L1 until the bridge pays its id. */
export interface BurnedPegOut extends PegOut {
  readonly user: string;
  readonly burnedAtL1: number;
}

/**
 * The sidechain's own chain: blocks the federation signs, k of n, and nothing on L1
 * checks. Every user follows it by replaying blocks that carry enough valid member
 * signatures, which is exactly as much as the federation says.
 */
export class SidechainLedger {
  readonly blocks: SidechainBlock[] = [];
  readonly burned: BurnedPegOut[] = [];
  private readonly balances = new Map<string, bigint>();
  private readonly credited = new Set<number>();

  constructor(
    readonly members: readonly Address[],
    readonly threshold: number,
  ) {}

  balance(user: string): bigint {
    return this.balances.get(user) ?? 0n;
  }

  /** L2 supply: every balance on the sidechain. */
  supply(): bigint {
    let total = 0n;
    for (const v of this.balances.values()) total += v;
    return total;
  }

  isCredited(pegInId: number): boolean {
    return this.credited.has(pegInId);
  }

  get headHash(): Hex {
    return this.blocks.at(-1)?.hash ?? ZERO_HASH;
  }

  /** The transactions of `candidates` that apply in order to the current state; the rest would overdraw or double-credit. */
  admissible(candidates: readonly SidechainTx[]): SidechainTx[] {
    const scratch = new Map(this.balances);
    const credited = new Set(this.credited);
    const out: SidechainTx[] = [];
    for (const tx of candidates) {
      if (tx.kind === 'peg-in') {
        if (credited.has(tx.pegInId)) continue;
        credited.add(tx.pegInId);
        scratch.set(tx.user, (scratch.get(tx.user) ?? 0n) + tx.amountWei);
      } else {
        const payer = tx.kind === 'transfer' ? tx.from : tx.user;
        const has = scratch.get(payer) ?? 0n;
        if (tx.amountWei <= 0n || has < tx.amountWei) continue;
        scratch.set(payer, has - tx.amountWei);
        if (tx.kind === 'transfer') scratch.set(tx.to, (scratch.get(tx.to) ?? 0n) + tx.amountWei);
      }
      out.push(tx);
    }
    return out;
  }

  /** The hash members sign: the block's number, parent, L1 height and transactions. */
  static hashOf(block: Omit<SidechainBlock, 'hash' | 'signatures'>): Hex {
    return keccakText(canonicalJson({ number: block.number, parent: block.parent, l1Height: block.l1Height, txs: block.txs }));
  }

  /** Appends a block if it extends the head and k distinct members signed it; then applies it. */
  append(block: SidechainBlock): void {
    if (block.number !== this.blocks.length || block.parent !== this.headHash) throw new Error(`sidechain block ${block.number} does not extend the head`);
    if (block.hash !== SidechainLedger.hashOf(block)) throw new Error(`sidechain block ${block.number} has a wrong hash`);
    const signers = new Set(block.signatures.filter((s) => this.members.includes(s.signer) && signerOf(block.hash, s.signature, s.signer)).map((s) => s.signer));
    if (signers.size < this.threshold) throw new Error(`sidechain block ${block.number} has ${signers.size} of the ${this.threshold} member signatures it needs`);
    if (this.admissible(block.txs).length !== block.txs.length) throw new Error(`sidechain block ${block.number} carries a transaction that does not apply`);
    for (const tx of block.txs) this.apply(tx, block.l1Height);
    this.blocks.push(block);
  }

  private apply(tx: SidechainTx, l1Height: number): void {
    if (tx.kind === 'peg-in') {
      this.credited.add(tx.pegInId);
      this.balances.set(tx.user, this.balance(tx.user) + tx.amountWei);
    } else if (tx.kind === 'transfer') {
      this.balances.set(tx.from, this.balance(tx.from) - tx.amountWei);
      this.balances.set(tx.to, this.balance(tx.to) + tx.amountWei);
    } else {
      this.balances.set(tx.user, this.balance(tx.user) - tx.amountWei);
      this.burned.push({ id: this.burned.length, user: tx.user, recipient: account(tx.user).address, amountWei: tx.amountWei, burnedAtL1: l1Height });
    }
  }
}
