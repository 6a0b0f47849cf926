import type { Hex } from '../crypto/keccak.ts';
import type { World } from '../kernel/world.ts';
import { formatEth } from '../l1/units.ts';
import { defineInvariant } from './define.ts';

/** A payment a merchant acted on (shipped goods, credited an exchange deposit). */
export interface ActedOnPayment {
  readonly merchant: string;
  readonly hash: Hex;
  readonly from: string;
  readonly amountWei: bigint;
  /** The acceptance policy it was credited under (`soft`, `l1-posted`, `l1-final`). */
  readonly policy: string;
}

export interface AcceptedPaymentSubject {
  /** What merchants acted on, from their own records. */
  accepted(world: World): Promise<readonly ActedOnPayment[]>;
  /** Whether the chain derived from L1 alone contains the payment, executed successfully. */
  inCanonicalChain(world: World, hash: Hex): Promise<boolean>;
}

/**
 * No rollback double-spend: a payment a merchant acted on must end up in the canonical
 * chain. DoubleUp Roll (Sun et al., CCS 2024) shows how soft-confirmed or posted-but-invalid
 * payments are rolled back while the goods are already gone.
 */
export const acceptedPaymentFinal = defineInvariant<AcceptedPaymentSubject>({
  name: 'accepted-payment-final',
  kind: 'eventually',
  description: 'every payment a merchant acted on is in the canonical chain derived from L1 (no rollback double-spend)',
  async check(subject, world) {
    const lost: ActedOnPayment[] = [];
    for (const p of await subject.accepted(world)) if (!(await subject.inCanonicalChain(world, p.hash))) lost.push(p);
    if (lost.length === 0) return [];
    const total = lost.reduce((sum, p) => sum + p.amountWei, 0n);
    const list = lost.map((p) => `${formatEth(p.amountWei)} from ${p.from} (${p.policy}, ${p.hash.slice(0, 10)})`).join('; ');
    return [
      {
        message: `${lost[0]!.merchant} acted on ${lost.length} payment(s) worth ${formatEth(total)} that the chain derived from L1 rolled back: ${list}`,
        actors: [...new Set([lost[0]!.merchant, ...lost.map((p) => p.from)])],
        amounts: { lostWei: String(total) },
      },
    ];
  },
});
