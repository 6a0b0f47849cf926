import { describe, expect, it } from 'vitest';
import { compressPayload, decompressPayload, type Compression } from '../../../../src/protocols/rollup/compression.ts';
import { carrier, maxPostedBytes, retrieveBatchData } from '../../../../src/protocols/rollup/data-availability.ts';
import { BLOB_BYTES } from '../../../../src/l1/gas.ts';

const text = new TextEncoder().encode('transfer alice bob 1 ETH; '.repeat(400));

describe('batch compression', () => {
  it.each(['none', 'zlib', 'brotli'] as Compression[])('round-trips with %s, tagged by its first byte', (method) => {
    const data = compressPayload(text, method);
    const back = decompressPayload(data, 1 << 20);
    expect(back.ok && Buffer.from(back.payload).equals(Buffer.from(text))).toBe(true);
    if (method !== 'none') expect(data.length).toBeLessThan(text.length / 5);
  });

  it.each(['none', 'zlib', 'brotli'] as Compression[])('stops inflating at the limit with %s (a zip bomb)', (method) => {
    const bomb = compressPayload(new Uint8Array(200_000), method);
    expect(decompressPayload(bomb, 100_000)).toEqual({ ok: false, reason: 'decompresses past the 100000-byte limit' });
    expect(decompressPayload(bomb)).toMatchObject({ ok: true });
  });

  it('reports corrupt data and unknown formats as reasons, never throws', () => {
    expect(decompressPayload(new Uint8Array([1, 255, 255, 255]))).toMatchObject({ ok: false, reason: /corrupt/ });
    expect(decompressPayload(new Uint8Array([9, 1]))).toMatchObject({ ok: false, reason: /unknown compression header 0x9/ });
    expect(decompressPayload(new Uint8Array())).toMatchObject({ ok: false });
  });
});

describe('data availability carriers', () => {
  it('cuts data into blobs of at most 131,072 bytes, and reassembles them in order', () => {
    const data = Uint8Array.from({ length: 2 * BLOB_BYTES + 10 }, (_, i) => i % 251);
    const { blobs, argument } = carrier(data, 'blobs');
    expect(argument).toBeNull();
    expect(blobs!.map((b) => b.length)).toEqual([BLOB_BYTES, BLOB_BYTES, 10]);
    const byHash = new Map(blobs!.map((b, i) => [`0x0${i}`, b]));
    const record = { dataLocation: 'blobs', blobHashes: [...byHash.keys()] } as never;
    const l1 = { blob: (h: string) => byHash.get(h) } as never;
    expect(retrieveBatchData(l1, record, undefined)).toEqual(data);
    expect(maxPostedBytes('blobs')).toBe(6 * BLOB_BYTES);
  });

  it('sends calldata both as the transaction input and as the argument the inbox hashes', () => {
    const { data, argument, blobs } = carrier(text, 'calldata');
    expect(data).toBe(text);
    expect(argument).toBe(text);
    expect(blobs).toBeUndefined();
  });
});
