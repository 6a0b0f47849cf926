/**
 * Canonical JSON: sorted object keys, bigints as decimal strings, Uint8Arrays as hex,
 * no undefined fields. The trace hash and config hash depend on it, so it must never
 * depend on insertion order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `0x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) {
    return [...value.entries()].map(([k, v]) => [normalize(k), normalize(v)]).sort(byJson);
  }
  if (value instanceof Set) return [...value].map(normalize).sort(byJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = normalize(v);
    }
    return out;
  }
  return value;
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
