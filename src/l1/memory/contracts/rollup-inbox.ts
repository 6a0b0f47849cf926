import { keccakBytes, keccakHex, ZERO_HASH, type Hex } from '../../../crypto/keccak.ts';
import { forceInclusionDelay, initialBuffer, updateBuffer, type DelayBufferState } from '../../contracts/delay-buffer.ts';
import type { DelayedMessage } from '../../contracts/delayed-inbox.ts';
import type { BatchHeader, BatchRecord, DataLocation, RollupInboxParams } from '../../contracts/rollup-inbox.ts';
import { require } from '../../revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../storage.ts';

export class SequencerInbox {
  private readonly batches: Mapping<number, BatchRecord>;
  private readonly count: Slot<number>;
  private readonly delayedRead: Slot<number>;
  private readonly buffer: Slot<DelayBufferState | null>;

  constructor(
    env: ContractEnv,
    private readonly params: RollupInboxParams,
  ) {
    this.batches = env.mapping();
    this.count = env.slot(0);
    this.delayedRead = env.slot(0);
    this.buffer = env.slot(params.delayBuffer ? initialBuffer(params.delayBuffer) : null);
  }

  addSequencerBatch(ctx: CallContext, header: BatchHeader, data: Uint8Array | null): void {
    require(ctx.sender === this.params.sequencer, 'only the sequencer posts batches');
    require(header.sequenceNumber === this.count.value, `bad sequence number ${header.sequenceNumber}, expected ${this.count.value}`);
    // Arbitrum's DelayedBackwards / DelayedTooFar: a batch built before a force inclusion cannot land after it.
    require(header.afterDelayedRead >= this.delayedRead.value, `batch reads ${header.afterDelayedRead} delayed messages, ${this.delayedRead.value} are already sequenced`);
    require(header.afterDelayedRead <= this.delayedCount(ctx), `batch reads ${header.afterDelayedRead} delayed messages, only ${this.delayedCount(ctx)} exist`);
    require(header.notBeforeBlock === 0 || ctx.block.number >= header.notBeforeBlock, `batch lands at ${ctx.block.number}, before its bound ${header.notBeforeBlock}`);
    require(header.deadlineBlock === 0 || ctx.block.number <= header.deadlineBlock, `batch lands at ${ctx.block.number}, past its deadline ${header.deadlineBlock}`);
    const { location, dataHash } = this.locate(ctx, header, data);
    if (data) ctx.emit('SequencerBatchData', { sequenceNumber: header.sequenceNumber, data });
    this.record(ctx, 'sequencer', header.afterDelayedRead, location, dataHash);
  }

  forceInclusion(ctx: CallContext, newMessageCount: number): void {
    require(this.params.forcedInclusion, 'force inclusion is not supported by this inbox');
    require(newMessageCount > this.delayedRead.value, `delayed messages up to ${newMessageCount} are already sequenced`);
    require(newMessageCount <= this.delayedCount(ctx), `only ${this.delayedCount(ctx)} delayed messages exist`);
    const last = ctx.view<DelayedMessage | undefined>(this.params.delayedInbox, 'message', [newMessageCount - 1])!;
    const delay = this.forceInclusionDelay(last.block);
    require(ctx.block.number > last.block + delay, `delayed message ${last.index} from block ${last.block} can be forced after block ${last.block + delay}`);
    this.record(ctx, 'forced', newMessageCount, 'none', ZERO_HASH);
  }

  batchCount(): number {
    return this.count.value;
  }

  totalDelayedRead(): number {
    return this.delayedRead.value;
  }

  batch(sequenceNumber: number): BatchRecord | undefined {
    return this.batches.get(sequenceNumber);
  }

  forceInclusionEnabled(): boolean {
    return this.params.forcedInclusion;
  }

  forceInclusionDelay(messageBlock: number): number {
    return forceInclusionDelay(this.params.forceInclusionDelayBlocks, this.params.delayBuffer, this.buffer.value, messageBlock);
  }

  private delayedCount(ctx: CallContext): number {
    return ctx.view<number>(this.params.delayedInbox, 'messageCount', []);
  }

  private locate(ctx: CallContext, header: BatchHeader, data: Uint8Array | null): { location: DataLocation; dataHash: Hex } {
    if (data) {
      require(ctx.dataLength >= data.length, 'batch data must travel as the transaction calldata');
      return { location: 'calldata', dataHash: keccakBytes(data) };
    }
    if (ctx.blobHashes.length > 0) return { location: 'blobs', dataHash: keccakHex(...ctx.blobHashes) };
    // A validium trades that rule for the committee's word: a certificate that k members hold the data.
    if (this.params.dataCommittee && ctx.view<number>(this.params.dataCommittee, 'certifiedUntil', [header.dataHash]) > ctx.block.timestamp) {
      return { location: 'none', dataHash: header.dataHash };
    }
    // The data-availability rule of a rollup: the contract only accepts what anyone can read back.
    require(!this.params.requireBatchData, `batch data required: post it as calldata or blobs${this.params.dataCommittee ? ', or have the data committee certify it' : ''}`);
    return { location: 'none', dataHash: header.dataHash };
  }

  private record(ctx: CallContext, kind: BatchRecord['kind'], afterDelayedRead: number, dataLocation: DataLocation, dataHash: Hex): void {
    const prevDelayedRead = this.delayedRead.value;
    if (afterDelayedRead > prevDelayedRead) this.spendBuffer(ctx, afterDelayedRead - 1);
    const record: BatchRecord = {
      sequenceNumber: this.count.value,
      kind,
      prevDelayedRead,
      afterDelayedRead,
      dataLocation,
      dataHash,
      blobHashes: dataLocation === 'blobs' ? [...ctx.blobHashes] : [],
      block: ctx.block.number,
      timestamp: ctx.block.timestamp,
    };
    this.batches.set(record.sequenceNumber, record);
    this.count.set(record.sequenceNumber + 1);
    this.delayedRead.set(afterDelayedRead);
    ctx.emit('SequencerBatchDelivered', { ...record });
  }

  private spendBuffer(ctx: CallContext, lastMessage: number): void {
    const config = this.params.delayBuffer;
    const state = this.buffer.value;
    if (!config || !state) return;
    const message = ctx.view<DelayedMessage | undefined>(this.params.delayedInbox, 'message', [lastMessage])!;
    this.buffer.set(updateBuffer(config, state, message.block, ctx.block.number));
  }
}
