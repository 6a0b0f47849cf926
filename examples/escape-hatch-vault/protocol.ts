import { z } from 'zod';
import { account, defineProtocol, eth, formatEth, type Address, type Deployed, type ProtocolInstance, type World } from '../../src/index.ts';
import { escapeHatchVault, type EscapeHatchVaultFacade } from './vault.ts';

export const vaultParams = z.strictObject({
  /** Blocks between an exit request and the exit: the operator's window to pay pending withdrawals. */
  exitDelayBlocks: z.number().int().min(1).max(50_400),
  /** The vault's users, honest parties the checkers protect. */
  users: z.array(z.string().min(1)).min(1),
});
export type VaultProtocolParams = z.infer<typeof vaultParams>;

/**
 * The protocol around the contract: who acts, an ordinary session (the workload), and how
 * an honest user gets out through L1 alone once the operator is gone (recover). The
 * checkers read the `subjects`: here the built-in l1-recoverability invariant.
 */
export const vaultProtocol = defineProtocol<VaultProtocolParams>({
  name: 'escape-hatch-vault',
  summary: 'an operator-run vault whose users can leave alone through an escape hatch after a delay',
  variants: {
    secure: { kind: 'secure', summary: 'users request an exit and take their balance after the delay, without the operator' },
    'no-escape-hatch': { kind: 'twin', summary: 'only the operator can pay a user out', removes: 'the escape hatch' },
  },
  defaultPreset: 'example',
  params: vaultParams,
  async setup(world, { variant, params }): Promise<ProtocolInstance> {
    const operator = account('vault-operator');
    const vault = await world.l1.deploy(escapeHatchVault, { operator: operator.address, exitDelayBlocks: params.exitDelayBlocks, escapeHatch: variant !== 'no-escape-hatch' });
    world.addActor({ name: operator.name, role: 'operator' });
    for (const user of params.users) {
      world.addActor({ name: user, role: 'honest' });
      await world.l1.fund(account(user).address, eth(100));
    }
    return new VaultSession(vault, operator.address, params);
  },
});

class VaultSession implements ProtocolInstance {
  readonly subjects: ProtocolInstance['subjects'];
  /** What each user was owed when the operator disappeared, and the block from which its payouts count. */
  private readonly entitled = new Map<string, bigint>();
  private recoveryFrom = Infinity;

  constructor(
    private readonly vault: Deployed<EscapeHatchVaultFacade>,
    private readonly operator: Address,
    private readonly params: VaultProtocolParams,
  ) {
    this.subjects = {
      'l1-recoverability': {
        claims: async (world: World) => this.params.users.map((user) => ({ party: user, entitledWei: this.entitled.get(user) ?? 0n, recoveredWei: this.paidOut(world, user) })),
      },
    };
  }

  /** Each user deposits; the operator serves one withdrawal, as it does while it is there. */
  async workload(world: World): Promise<void> {
    for (const [i, user] of this.params.users.entries()) {
      await this.vault.deposit({ from: account(user).address, value: eth(2 + i) });
      await world.step('action', user, `deposits ${2 + i} ETH`);
    }
    await world.settle();
    const first = account(this.params.users[0]!).address;
    await this.vault.withdraw({ from: this.operator }, first, eth(1));
    await world.step('action', 'vault-operator', `pays ${this.params.users[0]} a withdrawal of 1 ETH`);
    await world.settle();
  }

  /** The operator is gone: each user requests an exit, waits out the delay, and exits. */
  async recover(world: World): Promise<void> {
    await world.settle();
    this.recoveryFrom = world.height + 1;
    for (const user of this.params.users) {
      const owed = await this.vault.balanceOf(account(user).address);
      this.entitled.set(user, owed);
      if (owed === 0n) continue;
      await this.vault.requestExit({ from: account(user).address });
      await world.step('action', user, `requests an exit of ${formatEth(owed)}`);
    }
    await world.settle();
    let due = world.height;
    for (const user of this.params.users) due = Math.max(due, await this.vault.exitAt(account(user).address));
    await world.advanceTo(due);
    for (const user of this.params.users) {
      if ((await this.vault.exitAt(account(user).address)) === 0) continue;
      await this.vault.exit({ from: account(user).address });
      await world.step('action', user, 'exits through the escape hatch');
    }
    await world.settle();
  }

  /** What the vault paid `user` since the operator disappeared, from its L1 events. */
  private paidOut(world: World, user: string): bigint {
    const address = account(user).address;
    return ['Withdrawn', 'Exited']
      .flatMap((name) => world.l1.logs({ contract: this.vault.address, name, fromBlock: this.recoveryFrom }))
      .filter((log) => log.args.user === address)
      .reduce((sum, log) => sum + (log.args.amountWei as bigint), 0n);
  }
}
