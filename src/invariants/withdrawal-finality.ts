import type { World } from '../kernel/world.ts';
import { formatEth } from '../l1/units.ts';
import { defineInvariant } from './define.ts';

export interface WithdrawalPayment {
  readonly index: number;
  readonly to: string;
  readonly amountWei: bigint;
  readonly commitmentIndex: number;
  readonly block: number;
  /** Whether the commitments contract held the root final when the bridge paid (the bridge's own log). */
  readonly finalWhenPaid: boolean;
}

export interface UnconfirmedRoot {
  readonly index: number;
  readonly postedBlock: number;
  readonly boundBlocks: number;
}

export interface WithdrawalFinalitySubject {
  /** Every withdrawal the bridge paid, from its L1 logs. */
  payments(world: World): Promise<readonly WithdrawalPayment[]>;
  /** Roots that agree with derivation (and whose ancestors do) yet are not final past their confirmation bound. */
  lateRoots(world: World): Promise<readonly UnconfirmedRoot[]>;
}

/**
 * Withdrawals leave the rollup only against final roots, once each, and a root the
 * derivation agrees with confirms within its stated bound however many bonds an attacker
 * burns to delay it (what a user can plan a withdrawal around).
 */
export const withdrawalFinality = defineInvariant<WithdrawalFinalitySubject>({
  name: 'withdrawal-finality',
  kind: 'always',
  description: 'no withdrawal is paid before its root is final, none is paid twice, and honest roots confirm within the bound',
  async check(subject, world) {
    const findings = [];
    const seen = new Map<number, WithdrawalPayment>();
    for (const p of await subject.payments(world)) {
      const what = `withdrawal #${p.index} (${formatEth(p.amountWei)} to ${p.to})`;
      if (!p.finalWhenPaid) findings.push({ message: `${what} was paid at L1 block ${p.block} against root #${p.commitmentIndex}, which was not final`, actors: [p.to], amounts: { paidWei: String(p.amountWei) } });
      const first = seen.get(p.index);
      if (first) findings.push({ message: `${what} was paid twice, at L1 blocks ${first.block} and ${p.block}`, actors: [p.to], amounts: { paidWei: String(p.amountWei) } });
      seen.set(p.index, p);
    }
    for (const r of await subject.lateRoots(world)) {
      findings.push({ message: `root #${r.index}, which derivation confirms, is still not final at L1 block ${world.height}: posted at ${r.postedBlock}, its bound was ${r.boundBlocks} blocks` });
    }
    return findings;
  },
});
