/** How many 32-byte ABI words the arguments of a call occupy, to size its calldata gas. */
export function abiWords(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v) => n + abiWords(v), 0);
  if (value instanceof Uint8Array) return 1 + Math.ceil(value.length / 32);
  if (typeof value === 'string') {
    const bytes = value.startsWith('0x') ? (value.length - 2) / 2 : value.length;
    return bytes <= 32 ? 1 : 1 + Math.ceil(bytes / 32);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((n: number, v) => n + abiWords(v), 0);
  }
  return 1;
}
