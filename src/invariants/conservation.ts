import type { World } from '../kernel/world.ts';
import { defineInvariant } from './define.ts';

export interface ConservationSubject {
  /**
   * What L1 actually holds for the system (escrow, channel deposit, custody wallet) and
   * what the system owes its users (L2 supply, channel balances, ledger entries), in wei.
   */
  ledger(world: World): Promise<{ escrowWei: bigint; owedWei: bigint }>;
}

/**
 * Value is neither created nor destroyed. Owing more than L1 holds is inflation (the
 * 2022 Optimism SELFDESTRUCT bug); holding more than is owed means someone's funds are
 * stranded in the contract.
 */
export const conservation = defineInvariant<ConservationSubject>({
  name: 'conservation',
  kind: 'always',
  description: 'value is neither created nor destroyed: what the system owes equals what L1 escrows',
  async check(subject, world) {
    const { escrowWei, owedWei } = await subject.ledger(world);
    if (escrowWei === owedWei) return [];
    const what = owedWei > escrowWei ? 'owes more than L1 escrows (value created)' : 'escrows more than it owes (value stranded)';
    return [{ message: `the system ${what}: owes ${owedWei} wei, L1 holds ${escrowWei} wei`, amounts: { escrowWei: String(escrowWei), owedWei: String(owedWei) } }];
  },
});
