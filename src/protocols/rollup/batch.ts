import { ByteReader, ByteWriter, MalformedData } from './codec.ts';
import { decodeTx, encodedLength, type SignedTx } from './transaction.ts';

/** A slot in an L2 block: a sequenced transaction, or "the next delayed message goes here". */
export type BatchItem = { readonly type: 'tx'; readonly tx: SignedTx } | { readonly type: 'delayed' };

/**
 * An L2 block as the sequencer built it: the L1 block it saw when it did (its origin,
 * OP's "epoch"), its timestamp, and its items. The origin is what the time bounds are
 * checked against: a block must land on L1 within `delayBlocks` after its origin and at
 * most `futureBlocks` before it.
 */
export interface L2Block {
  readonly origin: number;
  readonly timestamp: number;
  readonly items: readonly BatchItem[];
}

const VERSION = 1;
const ITEM_TX = 0;
const ITEM_DELAYED = 1;
const BLOCK_OVERHEAD = 8 + 8 + 4;
export const PAYLOAD_OVERHEAD = 1 + 4;

/** Decompressed size of one item: what the sequencer adds up against the size limit before confirming. */
export function itemSize(item: BatchItem): number {
  return 1 + (item.type === 'tx' ? encodedLength(item.tx) : 0);
}

export function blockOverhead(): number {
  return BLOCK_OVERHEAD;
}

export function payloadSize(blocks: readonly L2Block[]): number {
  return PAYLOAD_OVERHEAD + blocks.reduce((n, b) => n + BLOCK_OVERHEAD + b.items.reduce((m, i) => m + itemSize(i), 0), 0);
}

export function encodePayload(blocks: readonly L2Block[]): Uint8Array {
  const w = new ByteWriter().u8(VERSION).u32(blocks.length);
  for (const block of blocks) {
    w.u64(block.origin).u64(block.timestamp).u32(block.items.length);
    for (const item of block.items) {
      if (item.type === 'tx') w.u8(ITEM_TX).push(item.tx.encoded);
      else w.u8(ITEM_DELAYED);
    }
  }
  return w.finish();
}

/** Parses a decompressed payload; anything malformed throws `MalformedData` and the batch is dropped. */
export function decodePayload(payload: Uint8Array, chainId: number): L2Block[] {
  const r = new ByteReader(payload);
  const version = r.u8();
  if (version !== VERSION) throw new MalformedData(`unknown batch version ${version}`);
  const count = r.u32();
  const blocks: L2Block[] = [];
  for (let b = 0; b < count; b++) {
    const origin = r.u64();
    const timestamp = r.u64();
    const n = r.u32();
    const items: BatchItem[] = [];
    for (let i = 0; i < n; i++) {
      const type = r.u8();
      if (type === ITEM_TX) items.push({ type: 'tx', tx: decodeTx(r, chainId) });
      else if (type === ITEM_DELAYED) items.push({ type: 'delayed' });
      else throw new MalformedData(`unknown item type ${type}`);
    }
    blocks.push({ origin, timestamp, items });
  }
  if (!r.done) throw new MalformedData('trailing bytes after the last block');
  return blocks;
}
