import { z } from 'zod';
import { account } from '../../crypto/accounts.ts';
import type { World } from '../../kernel/world.ts';
import { custodyWallet } from '../../l1/contracts/custody-wallet.ts';
import { eth, formatEth } from '../../l1/units.ts';
import type { ConservationSubject } from '../../invariants/conservation.ts';
import type { RecoverabilitySubject, RecoveryClaim } from '../../invariants/l1-recoverability.ts';
import { defineProtocol, type ProtocolInstance } from '../define.ts';
import { Exchange } from './exchange.ts';

const params = z.strictObject({
  /** Users of the exchange. @defaultValue ["alice", "bob"] */
  users: z.array(z.string().min(1)).min(2).default(['alice', 'bob']),
});

/**
 * The custodial contrast case from the seeds: an exchange's internal ledger. Fast and
 * cheap, and not a Layer 2: when the custodian disappears, L1 offers users no way out.
 */
export const custodial = defineProtocol({
  name: 'custodial',
  summary: 'exchange internal ledger: balances exist only in the operator database',
  variants: { reference: { kind: 'reference', summary: 'a solvent, honest exchange, as designed' } },
  defaultPreset: 'custodial-exchange',
  params,
  async setup(world, { params: p }): Promise<ProtocolInstance> {
    const custodian = account('custodian').address;
    const wallet = await world.l1.deploy(custodyWallet, { custodian });
    const exchange = new Exchange(wallet);
    world.addActor(exchange);
    for (const user of p.users) {
      await world.l1.fund(account(user).address, eth(100));
      world.addActor({ name: user, role: 'honest' });
    }
    const entitled = new Map<string, bigint>();
    const recoveredFrom = new Map<string, bigint>();
    const conservation: ConservationSubject = {
      ledger: async () => ({ escrowWei: await wallet.held(), owedWei: exchange.owedTotal() }),
    };
    const recoverability: RecoverabilitySubject = {
      claims: async (w) => Promise.all(p.users.map((u) => claimOf(w, u))),
    };
    async function claimOf(w: World, user: string): Promise<RecoveryClaim> {
      const now = await w.l1.balanceOf(account(user).address);
      return { party: user, entitledWei: entitled.get(user) ?? 0n, recoveredWei: now - (recoveredFrom.get(user) ?? now) };
    }
    return {
      subjects: { conservation, 'l1-recoverability': recoverability },
      async workload(w) {
        for (const user of p.users) await wallet.deposit({ from: account(user).address, value: eth(w.rng.int(1, 10)) });
        await w.settle();
        const [first, second] = [p.users[0]!, p.users[1]!];
        await exchange.transfer(w, first, second, exchange.balance(first) / BigInt(w.rng.int(2, 4)));
        await exchange.withdraw(w, second, exchange.balance(second) / 2n);
        await w.settle();
      },
      async recover(w) {
        for (const user of p.users) {
          entitled.set(user, exchange.balance(user));
          recoveredFrom.set(user, await w.l1.balanceOf(account(user).address));
        }
        // With the custodian gone, the only L1 call that moves funds is one only it may make.
        for (const user of p.users) {
          const owed = entitled.get(user)!;
          if (owed === 0n) continue;
          await wallet.release({ from: account(user).address }, account(user).address, owed);
          await w.step('action', user, `tries to withdraw ${formatEth(owed)} on L1 without the custodian`);
        }
        await w.settle();
      },
    };
  },
});
