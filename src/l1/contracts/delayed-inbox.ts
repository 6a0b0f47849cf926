import type { Address } from '../../crypto/accounts.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { DelayedInbox } from '../memory/contracts/delayed-inbox.ts';

/** What a forced L2 transaction asks for; its sender is L1's msg.sender, so it needs no signature. */
export interface ForcedTransaction {
  readonly action: 'transfer' | 'withdraw';
  readonly to: Address;
  readonly amountWei: bigint;
  /** Withdraw the whole balance at execution time (the exit that needs no knowledge of in-flight payments). */
  readonly all: boolean;
}

/** One message in the delayed inbox, in arrival order: a deposit from the bridge or a forced transaction. */
export interface DelayedMessage {
  readonly index: number;
  readonly kind: 'deposit' | 'transaction';
  readonly sender: Address;
  readonly to: Address;
  readonly amountWei: bigint;
  readonly action: 'deposit' | ForcedTransaction['action'];
  readonly all: boolean;
  /** L1 block and timestamp of arrival: the delay bound counts from here. */
  readonly block: number;
  readonly timestamp: number;
}

/**
 * Arbitrum's delayed inbox / OP's deposit queue: anyone may append an L2 transaction
 * here on L1, and the sequencer must eventually sequence it — or anyone may force it in
 * after the delay (rollup-inbox `forceInclusion`). Deposits arrive from the bridge only.
 */
export interface DelayedInboxFacade {
  /** One-shot wiring to the bridge (the deployer only), as Arbitrum's Bridge sets its inboxes. */
  initialize(tx: TxOptions, bridge: Address): Promise<TxId>;
  enqueueDeposit(tx: TxOptions, sender: Address, to: Address, amountWei: bigint): Promise<TxId>;
  sendTransaction(tx: TxOptions, forced: ForcedTransaction): Promise<TxId>;
  messageCount(): Promise<number>;
  message(index: number): Promise<DelayedMessage | undefined>;
}

export interface DelayedInboxParams {
  readonly deployer: Address;
}

export const delayedInbox: ContractSpec<DelayedInboxFacade, DelayedInboxParams> = {
  name: 'DelayedInbox',
  views: ['messageCount', 'message'],
  memory: (env, params) => new DelayedInbox(env, params),
  // contracts/DelayedInbox.sol: kinds and actions are enums there, names here.
  constructorArgs: (p) => [p.deployer],
  toSolidity: { sendTransaction: ([forced]) => [{ ...(forced as ForcedTransaction), action: ACTIONS.indexOf((forced as ForcedTransaction).action) }] },
  fromSolidity: { message: (value) => delayedMessageFromSolidity(value as SolidityMessage) },
  eventsFromSolidity: { MessageDelivered: (args) => delayedMessageFromSolidity(args as unknown as SolidityMessage)! as unknown as Record<string, unknown> },
};

/** IDelayedInbox's enums in declaration order; kind `None` (0) is a message that does not exist. */
const KINDS = [undefined, 'deposit', 'transaction'] as const;
const ACTIONS = ['deposit', 'transfer', 'withdraw'] as const;

/** IDelayedInbox.Message as a view returns it, or MessageDelivered's args (arrival fields renamed: `block` is a Solidity builtin). */
type SolidityMessage = Omit<DelayedMessage, 'kind' | 'action' | 'block' | 'timestamp'> & {
  kind: number;
  action: number;
  block?: number;
  timestamp?: number;
  arrivalBlock?: number;
  arrivalTimestamp?: number;
};

function delayedMessageFromSolidity(m: SolidityMessage): DelayedMessage | undefined {
  const kind = KINDS[m.kind];
  if (kind === undefined) return undefined;
  const { arrivalBlock, arrivalTimestamp, ...rest } = m;
  return { ...rest, kind, action: ACTIONS[m.action]!, block: m.block ?? arrivalBlock!, timestamp: m.timestamp ?? arrivalTimestamp! };
}
