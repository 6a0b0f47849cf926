import { join } from 'node:path';
import { require, type Address, type CallContext, type ContractEnv, type ContractSpec, type Mapping, type TxId, type TxOptions } from '../../src/index.ts';

/**
 * The facade binding: how protocol code sees the vault on either backend. Transactions
 * take `TxOptions` first (sender, value); the views listed in the spec are reads.
 */
export interface EscapeHatchVaultFacade {
  deposit(tx: TxOptions): Promise<TxId>;
  withdraw(tx: TxOptions, user: Address, amountWei: bigint): Promise<TxId>;
  requestExit(tx: TxOptions): Promise<TxId>;
  exit(tx: TxOptions): Promise<TxId>;
  balanceOf(user: Address): Promise<bigint>;
  /** First block at which `user` may exit; 0 when no exit is requested (a uint64: read as number). */
  exitAt(user: Address): Promise<number>;
  exitDelayBlocks(): Promise<number>;
}

export interface VaultParams {
  readonly operator: Address;
  readonly exitDelayBlocks: number;
  /** The mitigation the `no-escape-hatch` twin removes. */
  readonly escapeHatch: boolean;
}

/**
 * The TS twin MemoryL1 runs: same methods, events (names and argument names) and revert
 * reasons as src/EscapeHatchVault.sol, storage only through env.slot/env.mapping.
 */
export class EscapeHatchVault {
  private readonly balances: Mapping<string, bigint>;
  private readonly exits: Mapping<string, number>;

  constructor(
    env: ContractEnv,
    private readonly params: VaultParams,
  ) {
    this.balances = env.mapping();
    this.exits = env.mapping();
  }

  deposit(ctx: CallContext): void {
    require(ctx.value > 0n, 'deposit needs value');
    this.balances.set(ctx.sender.toLowerCase(), this.balanceOf(ctx.sender) + ctx.value);
    ctx.emit('Deposited', { user: ctx.sender, amountWei: ctx.value });
  }

  withdraw(ctx: CallContext, user: Address, amountWei: bigint): void {
    require(ctx.sender.toLowerCase() === this.params.operator.toLowerCase(), 'only the operator can withdraw for a user');
    require(amountWei <= this.balanceOf(user), 'withdrawal exceeds the balance');
    this.balances.set(user.toLowerCase(), this.balanceOf(user) - amountWei);
    ctx.pay(user, amountWei);
    ctx.emit('Withdrawn', { user: user.toLowerCase(), amountWei });
  }

  requestExit(ctx: CallContext): void {
    require(this.params.escapeHatch, 'this vault has no escape hatch');
    require(this.balanceOf(ctx.sender) > 0n, 'nothing to exit');
    const due = ctx.block.number + this.params.exitDelayBlocks;
    this.exits.set(ctx.sender.toLowerCase(), due);
    ctx.emit('ExitRequested', { user: ctx.sender, exitAt: due });
  }

  exit(ctx: CallContext): void {
    const due = this.exitAt(ctx.sender);
    require(due !== 0, 'no exit requested');
    require(ctx.block.number >= due, 'exit delay is not over');
    const amountWei = this.balanceOf(ctx.sender);
    this.balances.set(ctx.sender.toLowerCase(), 0n);
    this.exits.set(ctx.sender.toLowerCase(), 0);
    ctx.pay(ctx.sender, amountWei);
    ctx.emit('Exited', { user: ctx.sender, amountWei });
  }

  balanceOf(user: Address): bigint {
    return this.balances.get(user.toLowerCase()) ?? 0n;
  }

  exitAt(user: Address): number {
    return this.exits.get(user.toLowerCase()) ?? 0;
  }

  exitDelayBlocks(): number {
    return this.params.exitDelayBlocks;
  }
}

/**
 * The ContractSpec binds the two: `name` is the Solidity contract, `constructorArgs` its
 * constructor's arguments from the same params the TS twin takes, and `solidityArtifact`
 * where this project's own forge build put it (`forge build` in this folder).
 */
export const escapeHatchVault: ContractSpec<EscapeHatchVaultFacade, VaultParams> = {
  name: 'EscapeHatchVault',
  views: ['balanceOf', 'exitAt', 'exitDelayBlocks'],
  memory: (env, params) => new EscapeHatchVault(env, params),
  constructorArgs: (p) => [p.operator, p.exitDelayBlocks, p.escapeHatch],
  solidityArtifact: join(import.meta.dirname, 'out', 'EscapeHatchVault.sol', 'EscapeHatchVault.json'),
};
