import type { Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { SequencerInbox } from '../memory/contracts/rollup-inbox.ts';
import type { DelayBufferConfig } from './delay-buffer.ts';

/** What the batch poster declares about a batch; the contract checks it against L1 state. */
export interface BatchHeader {
  /** Must equal the inbox's batch count: a stale batch cannot land after another one. */
  readonly sequenceNumber: number;
  /** Delayed messages consumed once this batch is applied (Arbitrum's afterDelayedMessagesRead). */
  readonly afterDelayedRead: number;
  /** Earliest L1 block the batch may land in; 0 = unchecked. */
  readonly notBeforeBlock: number;
  /** Last L1 block the batch may land in; 0 = unchecked. A batch past its time bounds reverts instead of landing. */
  readonly deadlineBlock: number;
  /** keccak of the data, declared only when the data is withheld (hash-only batches). */
  readonly dataHash: Hex;
}

export type DataLocation = 'calldata' | 'blobs' | 'none';

/** One entry of the inbox: a sequencer batch or a force inclusion of delayed messages. */
export interface BatchRecord {
  readonly sequenceNumber: number;
  readonly kind: 'sequencer' | 'forced';
  readonly prevDelayedRead: number;
  readonly afterDelayedRead: number;
  readonly dataLocation: DataLocation;
  /** keccak of the calldata, keccak of the concatenated blob hashes, or the declared hash. */
  readonly dataHash: Hex;
  readonly blobHashes: readonly Hex[];
  readonly block: number;
  readonly timestamp: number;
}

/**
 * Arbitrum's SequencerInbox: the sequencer posts batches (data in calldata or blobs), and
 * anyone can force in delayed messages that waited longer than the delay bound. Every
 * entry is an L1 event; derivation reads those events and nothing else.
 */
export interface RollupInboxFacade {
  /** `data` is the batch for calldata posting (also sent as the transaction's calldata), or null with blobs or hash-only. */
  addSequencerBatch(tx: TxOptions, header: BatchHeader, data: Uint8Array | null): Promise<TxId>;
  /** Moves delayed messages up to `newMessageCount` into the sequence, once the last one is old enough. */
  forceInclusion(tx: TxOptions, newMessageCount: number): Promise<TxId>;
  batchCount(): Promise<number>;
  totalDelayedRead(): Promise<number>;
  batch(sequenceNumber: number): Promise<BatchRecord | undefined>;
  forceInclusionEnabled(): Promise<boolean>;
  /** Blocks a delayed message from `messageBlock` must wait before it can be forced in, as of now. */
  forceInclusionDelay(messageBlock: number): Promise<number>;
}

export interface RollupInboxParams {
  readonly sequencer: Address;
  readonly delayedInbox: Address;
  /** Force inclusion opens once block.number > message block + delay (Arbitrum delayBlocks, OP seq_window_size). */
  readonly forceInclusionDelayBlocks: number;
  readonly delayBuffer: DelayBufferConfig | null;
  /** Twin `no-forced-inclusion` turns this off: nothing but the sequencer can sequence delayed messages. */
  readonly forcedInclusion: boolean;
  /** Twin `commit-without-data` turns this off: a batch may be a bare hash, its data never published. */
  readonly requireBatchData: boolean;
}

export const rollupInbox: ContractSpec<RollupInboxFacade, RollupInboxParams> = {
  name: 'SequencerInbox',
  views: ['batchCount', 'totalDelayedRead', 'batch', 'forceInclusionEnabled', 'forceInclusionDelay'],
  memory: (env, params) => new SequencerInbox(env, params),
};
