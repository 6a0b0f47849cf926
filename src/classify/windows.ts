import { L1_BLOCK_SECONDS } from '../kernel/clock.ts';
import type { WindowSource } from '../protocols/define.ts';

export type TimeColumnName = 'exit' | 'forcedInclusion' | 'withdrawalDelay';

/** One time column of a classification: blocks and seconds when there is a bound, and where the value came from. */
export interface TimeColumn {
  readonly blocks: number | null;
  readonly seconds: number | null;
  /** What the console shows: "45,818 blocks (6.4 days)", "none", "n/a". */
  readonly text: string;
  /** The preset parameter, attack outcome or declaration the value comes from. */
  readonly source: string;
}

const NONE: Record<TimeColumnName, string> = {
  exit: 'none',
  forcedInclusion: 'none',
  withdrawalDelay: 'no L1 bound',
};

const NONE_MEANS: Record<TimeColumnName, string> = {
  exit: 'the design has no L1 exit to wait out',
  forcedInclusion: 'L1 offers no way to force a transaction in',
  withdrawalDelay: 'L1 enforces no withdrawal schedule: the operator pays when it chooses',
};

/** Reads a window from the protocol's declaration and the preset's parameters; never from a table of known systems. */
export function timeColumn(column: TimeColumnName, source: WindowSource | undefined, params: unknown): TimeColumn {
  if (source === undefined) return absent('undeclared', 'the protocol declares no trust model');
  if (source === 'n/a') return absent('n/a', 'declared not applicable by the protocol');
  if (source === 'none') return absent(NONE[column], `declared by the protocol: ${NONE_MEANS[column]}`);
  const value = paramAt(params, source.param);
  if (value === undefined || value === null || value === false) return absent('none', `\`${source.param}\` is off in this preset`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`preset parameter \`${source.param}\` backs a time column but is ${JSON.stringify(value)}, not a number of blocks or seconds`);
  }
  const { blocks, seconds } = inBlocksAndSeconds(source.param, value);
  return { blocks, seconds, text: `${formatBlocks(blocks)} (${humanDuration(seconds)})`, source: `preset parameter \`${source.param}\` = ${value}` };
}

/** A derived fact overrides the declaration (no L1 exit at all means no exit window). */
export function overridden(text: string, source: string): TimeColumn {
  return absent(text, source);
}

function absent(text: string, source: string): TimeColumn {
  return { blocks: null, seconds: null, text, source };
}

/** Parameters name their unit last (STYLE §7): `…Blocks` are L1 blocks of 12 s, `…Seconds` seconds. */
function inBlocksAndSeconds(param: string, value: number): { blocks: number; seconds: number } {
  if (/Blocks$/.test(param)) return { blocks: value, seconds: value * L1_BLOCK_SECONDS };
  if (/Seconds$/.test(param)) return { blocks: Math.ceil(value / L1_BLOCK_SECONDS), seconds: value };
  throw new Error(`preset parameter \`${param}\` backs a time column but its name ends in neither Blocks nor Seconds`);
}

function paramAt(params: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), params);
}

export function formatBlocks(blocks: number): string {
  return `${String(blocks).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} block${blocks === 1 ? '' : 's'}`;
}

/** 144 blocks → "29 min", 5,760 → "19.2 h", 45,818 → "6.4 days". */
export function humanDuration(seconds: number): string {
  if (seconds === 0) return 'immediate';
  if (seconds < 3_600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 48 * 3_600) return `${trim((seconds / 3_600).toFixed(1))} h`;
  return `${trim((seconds / 86_400).toFixed(1))} days`;
}

function trim(fixed: string): string {
  return fixed.replace(/\.0$/, '');
}
