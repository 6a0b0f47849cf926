import fc from 'fast-check';
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
  // Balances live in the custodian's database and only its call releases funds: it is trusted for everything.
  trust: {
    operator: () => 'the custodian',
    dataAvailability: 'operator',
    stateValidity: 'operator',
    windows: { exit: 'none', forcedInclusion: 'none', withdrawalDelay: 'none' },
  },
  fuzz: {
    parties: (p) => p.users,
    moves: [
      { name: 'deposit', arbitrary: fc.record({ user: fc.nat({ max: 7 }), eth: fc.integer({ min: 1, max: 20 }) }) },
      { name: 'trade', arbitrary: fc.record({ from: fc.nat({ max: 7 }), to: fc.nat({ max: 7 }), percent: fc.integer({ min: 1, max: 100 }) }) },
      { name: 'withdraw', arbitrary: fc.record({ user: fc.nat({ max: 7 }), percent: fc.integer({ min: 1, max: 100 }) }) },
    ],
    capabilities: ['censor-l1', 'reorg-l1', 'go-offline', 'operator-halt'],
  },
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
    let recoveryFrom = Infinity;
    const conservation: ConservationSubject = {
      ledger: async (w) => ({ escrowWei: await wallet.held(), owedWei: exchange.owedTotal(w.l1) }),
    };
    const recoverability: RecoverabilitySubject = {
      claims: async (w) => p.users.map((u) => claimOf(w, u)),
    };
    /** Recovered = what the wallet released to the user since the operator disappeared, read from L1 events. */
    function claimOf(w: World, user: string): RecoveryClaim {
      const address = account(user).address;
      const released = w.l1
        .logs({ contract: wallet.address, name: 'Released', fromBlock: recoveryFrom })
        .filter((l) => l.args.to === address)
        .reduce((sum, l) => sum + (l.args.amountWei as bigint), 0n);
      return { party: user, entitledWei: entitled.get(user) ?? 0n, recoveredWei: released };
    }
    return {
      subjects: { conservation, 'l1-recoverability': recoverability },
      async workload(w) {
        for (const user of p.users) await wallet.deposit({ from: account(user).address, value: eth(w.rng.int(1, 10)) });
        await w.settle();
        // The exchange credits deposits once final (64 blocks): wait for that before trading.
        await w.advance(w.l1.finalityDepth + 1);
        const [first, second] = [p.users[0]!, p.users[1]!];
        await exchange.transfer(w, first, second, exchange.balance(first) / BigInt(w.rng.int(2, 4)));
        await exchange.withdraw(w, second, exchange.balance(second) / 2n);
        await w.settle();
      },
      async perform(w, move, args) {
        const a = args as { user: number; from: number; to: number; eth: number; percent: number };
        const pick = (i: number) => p.users[i % p.users.length]!;
        if (move === 'deposit') {
          await wallet.deposit({ from: account(pick(a.user)).address, value: eth(a.eth) });
          return void (await w.step('action', pick(a.user), `deposits ${a.eth} ETH to the exchange`));
        }
        const user = pick(move === 'trade' ? a.from : a.user);
        const amount = (exchange.balance(user) * BigInt(a.percent)) / 100n;
        // A trade or withdrawal needs funds and a custodian to process it; otherwise nothing happens.
        if (amount === 0n || w.actorsWith('operator').length === 0) return void w.record('note', user, `${move} skipped: nothing to move or no custodian`);
        if (move === 'trade') await exchange.transfer(w, user, pick(a.to), amount);
        else await exchange.withdraw(w, user, amount);
      },
      async recover(w) {
        // Transactions already sent land first; the claim is what L1 then shows the user is owed.
        await w.settle();
        recoveryFrom = w.height + 1;
        const pending = exchange.uncredited(w.l1);
        for (const user of p.users) {
          const deposited = pending.filter((d) => d.user === user).reduce((sum, d) => sum + d.amountWei, 0n);
          entitled.set(user, exchange.balance(user) + deposited);
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
