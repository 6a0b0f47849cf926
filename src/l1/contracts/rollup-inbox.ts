import { getBytes, ZeroAddress } from 'ethers';
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
  /**
   * A validium's data committee: a bare-hash batch lands if that hash is certified
   * available there (and still within its expiry), whatever `requireBatchData` says.
   * @defaultValue none — a rollup inbox
   */
  readonly dataCommittee?: Address;
}

export const rollupInbox: ContractSpec<RollupInboxFacade, RollupInboxParams> = {
  name: 'SequencerInbox',
  views: ['batchCount', 'totalDelayedRead', 'batch', 'forceInclusionEnabled', 'forceInclusionDelay'],
  memory: (env, params) => new SequencerInbox(env, params),
  // contracts/SequencerInbox.sol: each twin is one of these flags; no buffer and no committee are flags/zero there.
  constructorArgs: (p) => [
    p.sequencer,
    p.delayedInbox,
    p.forceInclusionDelayBlocks,
    p.delayBuffer !== null,
    p.delayBuffer ?? { maxBufferBlocks: 0, thresholdBlocks: 0, replenishRateBasisPoints: 0 },
    p.forcedInclusion,
    p.requireBatchData,
    p.dataCommittee ?? ZeroAddress,
  ],
  // An empty batch is data too: whether there is any travels as a flag.
  toSolidity: { addSequencerBatch: ([header, data]) => [header, data !== null, data ?? new Uint8Array(0)] },
  fromSolidity: { batch: (value) => batchRecordFromSolidity(value as SolidityBatchRecord) },
  eventsFromSolidity: {
    SequencerBatchData: (args) => ({ ...args, data: getBytes(args.data as string) }),
    SequencerBatchDelivered: (args) => batchRecordFromSolidity(args as unknown as SolidityBatchRecord)! as unknown as Record<string, unknown>,
  },
};

/** ISequencerInbox's enums in declaration order; kind `None` (0) is an entry that does not exist. */
const KINDS = [undefined, 'sequencer', 'forced'] as const;
const LOCATIONS: readonly DataLocation[] = ['calldata', 'blobs', 'none'];

/** ISequencerInbox.BatchRecord as a view returns it, or SequencerBatchDelivered's args (`block` renamed: a Solidity builtin). */
type SolidityBatchRecord = Omit<BatchRecord, 'kind' | 'dataLocation' | 'block' | 'timestamp'> & {
  kind: number;
  dataLocation: number;
  block?: number;
  timestamp?: number;
  deliveredBlock?: number;
  deliveredTimestamp?: number;
};

function batchRecordFromSolidity(r: SolidityBatchRecord): BatchRecord | undefined {
  const kind = KINDS[r.kind];
  if (kind === undefined) return undefined;
  const { deliveredBlock, deliveredTimestamp, ...rest } = r;
  return { ...rest, kind, dataLocation: LOCATIONS[r.dataLocation]!, block: r.block ?? deliveredBlock!, timestamp: r.timestamp ?? deliveredTimestamp! };
}
