import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { keccakBytes } from '../../crypto/keccak.ts';

/** How a batch payload is compressed before posting: the first byte of the posted data says which. */
export type Compression = 'none' | 'zlib' | 'brotli';

const HEADER: Record<Compression, number> = { none: 0x00, zlib: 0x01, brotli: 0x02 };

/**
 * Brotli quality for model runs. Arbitrum's batch poster runs brotli up to level 11;
 * level 6 gets most of the ratio at a fraction of the time, which keeps a 16 MiB zip-bomb
 * attempt cheap to build. The cost bench reports both.
 */
export const MODEL_BROTLI_QUALITY = 6;

export function compressPayload(payload: Uint8Array, method: Compression, brotliQuality = MODEL_BROTLI_QUALITY): Uint8Array {
  const body =
    method === 'zlib'
      ? deflateRawSync(payload)
      : method === 'brotli'
        ? brotliCompressSync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: payload.length } })
        : payload;
  const out = new Uint8Array(body.length + 1);
  out[0] = HEADER[method];
  out.set(body, 1);
  return out;
}

export type Decompressed = { readonly ok: true; readonly payload: Uint8Array } | { readonly ok: false; readonly reason: string };

/**
 * Inflates posted batch data, stopping as soon as the output would pass `maxBytes`
 * (Arbitrum's 16 MiB MaxDecompressedLen, OP's MAX_RLP_BYTES_PER_CHANNEL): a few kilobytes
 * of zeros can expand to gigabytes, and an honest node must never try. `maxBytes`
 * undefined is the careless reader — a merchant who trusts what was posted.
 */
export function decompressPayload(data: Uint8Array, maxBytes?: number): Decompressed {
  const key = `${keccakBytes(data)}:${maxBytes ?? 'unbounded'}`;
  const known = inflated.get(key);
  if (known) {
    // Most recently used last, so eviction drops the oldest.
    inflated.delete(key);
    inflated.set(key, known);
    return known;
  }
  const result = inflate(data, maxBytes);
  inflated.set(key, result);
  if (inflated.size > INFLATED_KEPT) inflated.delete(inflated.keys().next().value!);
  return result;
}

/**
 * Inflating is a pure function of the posted bytes, and the costliest one in the model: a
 * zip bomb makes every node that reads the batch (each honest node, the merchant) inflate
 * 16 MiB, in every run a fuzz campaign replays while shrinking. The answers are shared,
 * so callers must treat the payload as read-only (they only decode it).
 */
const inflated = new Map<string, Decompressed>();
const INFLATED_KEPT = 16;

function inflate(data: Uint8Array, maxBytes?: number): Decompressed {
  if (data.length === 0) return { ok: false, reason: 'empty batch data' };
  const body = data.subarray(1);
  const limit = maxBytes === undefined ? {} : { maxOutputLength: maxBytes };
  try {
    switch (data[0]) {
      case HEADER.none:
        return maxBytes !== undefined && body.length > maxBytes ? tooLarge(maxBytes) : { ok: true, payload: body };
      case HEADER.zlib:
        return { ok: true, payload: inflateRawSync(body, limit) };
      case HEADER.brotli:
        return { ok: true, payload: brotliDecompressSync(body, limit) };
      default:
        return { ok: false, reason: `unknown compression header 0x${data[0]!.toString(16)}` };
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' && maxBytes !== undefined) return tooLarge(maxBytes);
    return { ok: false, reason: `corrupt compressed data: ${(e as Error).message}` };
  }
}

function tooLarge(maxBytes: number): Decompressed {
  return { ok: false, reason: `decompresses past the ${maxBytes}-byte limit` };
}
