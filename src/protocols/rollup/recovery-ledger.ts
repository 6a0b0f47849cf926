import type { Address } from '../../crypto/accounts.ts';
import type { World } from '../../kernel/world.ts';
import type { RecoverabilitySubject } from '../../invariants/l1-recoverability.ts';

/**
 * What each honest rollup party was owed when the operator disappeared, and its L1
 * balance at that moment: what it recovered is how much that balance grew since. Fees are
 * metered, never charged, so the growth is exactly what L1 contracts paid it.
 */
export class RecoveryLedger {
  private readonly entitled = new Map<string, bigint>();
  private readonly balanceAtStart = new Map<string, bigint>();

  async open(world: World, party: { name: string; address: Address }, entitledWei: bigint): Promise<void> {
    this.entitled.set(party.name, entitledWei);
    this.balanceAtStart.set(party.name, await world.l1.balanceOf(party.address));
  }

  entitlementOf(name: string): bigint {
    return this.entitled.get(name) ?? 0n;
  }

  /** `obstacle` names what kept a party from its exit, from the party's own records, for the violation message. */
  subject<P extends { name: string; address: Address }>(parties: () => readonly P[], obstacle: (party: P) => string | undefined = () => undefined): RecoverabilitySubject {
    return {
      claims: async (world) => {
        const claims = [];
        for (const party of parties()) {
          const now = await world.l1.balanceOf(party.address);
          const claim = { party: party.name, entitledWei: this.entitlementOf(party.name), recoveredWei: now - (this.balanceAtStart.get(party.name) ?? now) };
          const why = obstacle(party);
          claims.push(why === undefined ? claim : { ...claim, obstacle: why });
        }
        return claims;
      },
    };
  }
}
