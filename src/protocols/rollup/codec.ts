import { getBytes, hexlify } from 'ethers';
import type { Hex } from '../../crypto/keccak.ts';

/**
 * The byte layout batches are posted in. Compact and big-endian, like the real systems'
 * RLP or SSZ: what gets compressed and paid for on L1 is these bytes, so the cost figures
 * reflect a real encoding rather than JSON.
 */
export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  u8(value: number): this {
    return this.push(Uint8Array.of(value));
  }

  u32(value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value);
    return this.push(b);
  }

  u64(value: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(value));
    return this.push(b);
  }

  /** A uint256 in its minimal big-endian bytes, after a one-byte length. */
  uint(value: bigint): this {
    if (value < 0n || value >= 1n << 256n) throw new RangeError(`uint256 out of range: ${value}`);
    const hex = value === 0n ? '' : value.toString(16);
    const bytes = getBytes(`0x${hex.length % 2 === 0 ? hex : `0${hex}`}`);
    return this.u8(bytes.length).push(bytes);
  }

  /** Fixed-size hex (an address or a hash), written as raw bytes. */
  fixed(hex: Hex, size: number): this {
    const bytes = getBytes(hex);
    if (bytes.length !== size) throw new RangeError(`expected ${size} bytes, got ${bytes.length}`);
    return this.push(bytes);
  }

  /** Length-prefixed bytes. */
  bytes(data: Uint8Array): this {
    return this.u32(data.length).push(data);
  }

  push(data: Uint8Array): this {
    this.chunks.push(data);
    this.length += data.length;
    return this;
  }

  get size(): number {
    return this.length;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** Reads what ByteWriter wrote; any overrun is a `MalformedData` error, never a crash. */
export class ByteReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.data.length;
  }

  get position(): number {
    return this.offset;
  }

  u8(): number {
    this.need(1);
    return this.data[this.offset++]!;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset);
    this.offset += 4;
    return v;
  }

  u64(): number {
    this.need(8);
    const v = this.view.getBigUint64(this.offset);
    this.offset += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedData(`u64 ${v} exceeds the safe range`);
    return Number(v);
  }

  uint(): bigint {
    const size = this.u8();
    if (size > 32) throw new MalformedData(`uint of ${size} bytes`);
    const bytes = this.take(size);
    return size === 0 ? 0n : BigInt(hexlify(bytes));
  }

  fixed(size: number): Hex {
    return hexlify(this.take(size)).toLowerCase() as Hex;
  }

  bytes(): Uint8Array {
    return this.take(this.u32());
  }

  /** The raw bytes between two positions (to hash an item as it was encoded). */
  slice(from: number, to: number): Uint8Array {
    return this.data.subarray(from, to);
  }

  take(size: number): Uint8Array {
    this.need(size);
    const out = this.data.subarray(this.offset, this.offset + size);
    this.offset += size;
    return out;
  }

  private need(size: number): void {
    if (this.offset + size > this.data.length) throw new MalformedData(`read of ${size} bytes past the end (${this.data.length - this.offset} left)`);
  }
}

/** Bytes that do not parse: derivation drops what it cannot read, it never throws on it. */
export class MalformedData extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedData';
  }
}
