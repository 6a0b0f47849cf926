import { AbiCoder, type Interface, type ParamType, type Result } from 'ethers';

/**
 * A decoded ABI value in the shape the in-memory contracts use, so protocol code and
 * checkers read both backends alike: addresses lower-case; integers of up to 64 bits as
 * number (heights, versions, ids, counts — what the TS contracts keep as number), wider
 * ones as bigint (wei); structs as objects keyed by field name, arrays as arrays, bytes as 0x-hex.
 */
export function plain(value: unknown, type: ParamType): unknown {
  if (type.baseType === 'address') return (value as string).toLowerCase();
  if (isNarrowInteger(type.type)) return safeNumber(value as bigint, type);
  if (type.isArray()) return Array.from(value as Result).map((v) => plain(v, type.arrayChildren));
  if (type.isTuple()) {
    const values = Array.from(value as Result);
    const named = type.components.every((c) => c.name !== '');
    const fields = type.components.map((c, i) => plain(values[i], c));
    return named ? Object.fromEntries(type.components.map((c, i) => [c.name, fields[i]])) : fields;
  }
  return value;
}

const NARROW_BITS = 64;

function isNarrowInteger(solidityType: string): boolean {
  const m = /^u?int(\d+)$/.exec(solidityType);
  return m !== null && Number(m[1]) <= NARROW_BITS;
}

/** A uint64 can exceed 2^53: such a value is refused rather than rounded. */
function safeNumber(value: bigint, type: ParamType): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${type.type} ${type.name || 'value'} = ${value} is beyond 2^53 and cannot be a JS number: declare it uint128 or wider to read it as bigint`);
  }
  return n;
}

/** Named values (event arguments) as a record keyed by parameter name, or by position where unnamed. */
export function plainRecord(values: Result, params: readonly ParamType[]): Record<string, unknown> {
  return Object.fromEntries(params.map((p, i) => [p.name || String(i), plain(values[i], p)]));
}

const ERROR_STRING = '0x08c379a0';
const PANIC = '0x4e487b71';
const PANIC_CODES: Readonly<Record<number, string>> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division by zero',
  0x21: 'invalid enum value',
  0x22: 'invalid storage byte array',
  0x31: 'pop on empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised function',
};

/**
 * The revert reason as the in-memory contracts phrase it: `require(cond, "msg")` gives
 * "msg" on both backends; a panic or a custom error is spelled out.
 */
export function revertReason(data: string | undefined, abis: readonly Interface[]): string {
  if (!data || data === '0x') return 'reverted without a reason';
  const selector = data.slice(0, 10);
  const payload = `0x${data.slice(10)}`;
  if (selector === ERROR_STRING) return AbiCoder.defaultAbiCoder().decode(['string'], payload)[0] as string;
  if (selector === PANIC) {
    const code = Number(AbiCoder.defaultAbiCoder().decode(['uint256'], payload)[0] as bigint);
    return `panic 0x${code.toString(16).padStart(2, '0')}${PANIC_CODES[code] ? ` (${PANIC_CODES[code]})` : ''}`;
  }
  for (const abi of abis) {
    const error = customError(abi, data);
    if (error) return `${error.name}(${error.fragment.inputs.map((p, i) => String(plain(error.args[i], p))).join(', ')})`;
  }
  return `reverted with data ${data}`;
}

function customError(abi: Interface, data: string): ReturnType<Interface['parseError']> {
  try {
    return abi.parseError(data);
  } catch {
    return null; // a selector this contract declares, with data that does not decode as its arguments
  }
}
