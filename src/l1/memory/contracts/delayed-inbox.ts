import type { Address } from '../../../crypto/accounts.ts';
import type { DelayedInboxParams, DelayedMessage, ForcedTransaction } from '../../contracts/delayed-inbox.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class DelayedInbox {
  private readonly messages: Mapping<number, DelayedMessage>;
  private readonly count: Slot<number>;
  private readonly bridge: Slot<Address | undefined>;

  constructor(
    env: ContractEnv,
    private readonly params: DelayedInboxParams,
  ) {
    this.messages = env.mapping();
    this.count = env.slot(0);
    this.bridge = env.slot<Address | undefined>(undefined);
  }

  initialize(ctx: CallContext, bridge: Address): void {
    require(ctx.sender === this.params.deployer, 'only the deployer can initialize');
    require(this.bridge.value === undefined, 'already initialized');
    this.bridge.set(bridge);
  }

  /** Only the bridge enqueues deposits: it holds the escrowed value they credit on L2. */
  enqueueDeposit(ctx: CallContext, sender: Address, to: Address, amountWei: bigint): void {
    require(this.bridge.value !== undefined && ctx.sender === this.bridge.value, 'only the bridge enqueues deposits');
    this.append(ctx, { kind: 'deposit', sender, to, amountWei, action: 'deposit', all: false });
  }

  sendTransaction(ctx: CallContext, forced: ForcedTransaction): void {
    require(forced.action === 'transfer' || forced.action === 'withdraw', `unknown forced action ${String(forced.action)}`);
    require(forced.amountWei >= 0n, 'negative amount');
    this.append(ctx, { kind: 'transaction', sender: ctx.sender, to: forced.to.toLowerCase() as Address, amountWei: forced.amountWei, action: forced.action, all: forced.all });
  }

  messageCount(): number {
    return this.count.value;
  }

  message(index: number): DelayedMessage | undefined {
    return this.messages.get(index);
  }

  private append(ctx: CallContext, fields: Omit<DelayedMessage, 'index' | 'block' | 'timestamp'>): void {
    const message: DelayedMessage = { index: this.count.value, ...fields, block: ctx.block.number, timestamp: ctx.block.timestamp };
    this.messages.set(message.index, message);
    this.count.set(message.index + 1);
    ctx.emit('MessageDelivered', { ...message });
  }
}
