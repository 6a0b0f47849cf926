import type { Address } from '../crypto/accounts.ts';
import type { Hex } from '../crypto/keccak.ts';
import type { InclusionPolicy } from './mempool.ts';

/** How long the consensus layer serves a blob: MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS = 4,096 epochs of 32 twelve-second slots. */
export const BLOB_RETENTION_SECONDS = 4_096 * 32 * 12;

export type TxId = string;

export interface BlockHeader {
  readonly number: number;
  readonly timestamp: number;
}

/** What an actor asks L1 to do. Contract facades build these; nothing else should. */
export interface TxRequest {
  from: Address;
  to: Address;
  method: string;
  args: readonly unknown[];
  /** Wei sent with the call. */
  value?: bigint;
  /** The call's payload as it would sit in calldata (batches); sizes the calldata gas. */
  data?: Uint8Array;
  /** EIP-4844 blobs carried by the transaction. */
  blobs?: readonly Uint8Array[];
  /** Max fee per gas the sender bids, in wei; a congested L1 ignores bids under its floor. */
  maxFeePerGas?: bigint;
}

export interface TxOptions {
  from: Address;
  value?: bigint;
  data?: Uint8Array;
  blobs?: readonly Uint8Array[];
  maxFeePerGas?: bigint;
}

export interface L1Log {
  readonly contract: Address;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly block: number;
  readonly tx: TxId;
}

export interface TxReceipt {
  readonly id: TxId;
  readonly from: Address;
  readonly method: string;
  readonly status: 'pending' | 'success' | 'reverted';
  readonly block?: number;
  readonly revertReason?: string;
  readonly gasUsed: bigint;
  readonly blobGasUsed: bigint;
  /** Wei the sender would pay: metered for cost figures, never deducted (see README). */
  readonly feeWei: bigint;
  readonly logs: readonly L1Log[];
}

export interface MinedBlock extends BlockHeader {
  readonly txs: readonly TxReceipt[];
  readonly blobGasUsed: bigint;
  readonly blobBaseFee: bigint;
}

export interface LogFilter {
  contract?: Address;
  name?: string;
  fromBlock?: number;
}

/**
 * A contract as a backend-neutral spec: its Solidity name (for anvil), the methods that
 * only read, and the TS implementation the in-memory L1 runs.
 */
export interface ContractSpec<F, P> {
  readonly name: string;
  readonly views: readonly string[];
  readonly memory: (env: import('./memory/storage.ts').ContractEnv, params: P) => object;
  /** The Solidity constructor's arguments, in order, from the same params (anvil). @defaultValue none */
  readonly constructorArgs?: (params: P) => readonly unknown[];
  /**
   * Per view, how its ABI-decoded Solidity value becomes what the TS implementation returns,
   * where the ABI cannot say it: an absent record (all zeros) as undefined, an enum by name
   * (anvil). @defaultValue the decoded value as is
   */
  readonly fromSolidity?: Readonly<Record<string, (value: unknown) => unknown>>;
  /**
   * Per method (transaction or view), how the TS call's arguments become the Solidity
   * function's, where the ABI cannot take them as they are: a tagged union as a flat
   * struct, an optional field as a flag and a value (anvil). @defaultValue the arguments as they are
   */
  readonly toSolidity?: Readonly<Record<string, (args: readonly unknown[]) => readonly unknown[]>>;
  /**
   * Per event, how its ABI-decoded arguments (by parameter name) become the args the TS
   * implementation emits, where the ABI cannot say it: an enum by name, bytes as a
   * Uint8Array, a field renamed from a Solidity keyword (`final`, `block`) (anvil).
   * @defaultValue the decoded arguments as they are
   */
  readonly eventsFromSolidity?: Readonly<Record<string, (args: Readonly<Record<string, unknown>>) => Record<string, unknown>>>;
  /**
   * The forge artifact (`out/<File>.sol/<Name>.json`) of a contract built outside contracts/,
   * e.g. in your own Foundry project (docs/custom-target.md). @defaultValue looked up by
   * `name` in the build of contracts/
   */
  readonly solidityArtifact?: string;
  /** Brand so that `deploy` infers the facade type. */
  readonly __facade?: F;
}

export interface L1Observer {
  sent?(id: TxId, tx: TxRequest): void;
  mined?(block: MinedBlock): void;
  skipped?(from: number, to: number): void;
  reorged?(depth: number, returned: TxId[]): void;
}

export type Deployed<F> = F & { readonly address: Address };

/**
 * The one way protocol code reaches L1. MemoryL1 implements it in-process; AnvilL1 on a
 * real EVM. Every attack runs unchanged on both, so nothing here may leak a backend.
 */
export interface L1 {
  readonly backend: 'memory' | 'anvil';
  /** Blocks behind the head that can no longer be reorganised. */
  readonly finalityDepth: number;
  readonly policy: InclusionPolicy;

  head(): BlockHeader;
  finalized(): BlockHeader;
  deploy<F, P>(spec: ContractSpec<F, P>, params: P): Promise<Deployed<F>>;
  fund(address: Address, wei: bigint): Promise<void>;
  balanceOf(address: Address): Promise<bigint>;

  send(tx: TxRequest): Promise<TxId>;
  receipt(id: TxId): TxReceipt;
  pendingCount(): number;
  /** The earliest height at which some pending transaction could be included, or Infinity. */
  nextInclusionHeight(): number;
  /** Mines the next block with whatever the inclusion policy admits. */
  mine(): Promise<MinedBlock>;
  /** Jumps the head to `height` through empty blocks in O(1). Throws if a tx would have been included. */
  skipTo(height: number): Promise<void>;
  /** Drops the last `depth` blocks; their transactions return to the mempool. */
  reorg(depth: number): Promise<TxId[]>;

  logs(filter: LogFilter): L1Log[];
  /** Blob data by versioned hash, or undefined once it is past the retention window. */
  blob(versionedHash: Hex): Uint8Array | undefined;
  /**
   * The EIP-4844 versioned hash this backend gives `blob`: what BLOBHASH reads in the
   * transaction carrying it, and what blob() looks it up by. MemoryL1 hashes the data
   * (keccak), AnvilL1 a real KZG commitment; code that checks blob data against a recorded
   * hash must ask the backend, never compute it.
   */
  versionedHash(blob: Uint8Array): Hex;
  blobBaseFee(): bigint;
  /** Lets the world trace what reaches L1 without wrapping the backend. */
  observe(observer: L1Observer): void;
  close(): Promise<void>;
}
