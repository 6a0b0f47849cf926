import type { TraceEvent } from '../../kernel/trace.ts';

/** A run of consecutive events at one L1 height: one column of the timeline. */
export interface Tick {
  readonly l1: number;
  readonly x0: number;
  readonly x1: number;
  readonly firstStep: number;
  readonly lastStep: number;
}

/**
 * What lies between two columns whose heights are not adjacent: L1 blocks in which nothing
 * was recorded (skipped in O(1)), or a reorg that took the head back.
 */
export interface Gap {
  readonly x0: number;
  readonly x1: number;
  readonly fromL1: number;
  readonly toL1: number;
  readonly kind: 'blocks' | 'rewind';
}

/**
 * The timeline's horizontal axis in abstract units. It follows the trace's order, not raw
 * L1 height: a 45,818-block challenge window in which nothing happens folds into one
 * narrow gap, a block with many events gets a wider column, and a reorg (the head going
 * back) stays readable instead of folding the timeline onto itself.
 */
export interface Axis {
  readonly ticks: readonly Tick[];
  readonly gaps: readonly Gap[];
  /** Total width in units, including a tail for windows that close after the run. */
  readonly width: number;
  /** Where event `step` is drawn. */
  xOfStep(step: number): number;
  /**
   * Where L1 height `height` falls, searching from the column of `nearStep` (a window is
   * placed relative to the event that opened it). `beyond` when it lies after the last column.
   */
  xOfHeight(height: number, nearStep: number, edge: 'start' | 'end'): { x: number; beyond: boolean };
}

const MARGIN = 0.5;
const ADJACENT = 0.25;
const FOLDED = 1.75;
const TAIL = 2;
/** Width of a column per extra event at its height, up to MAX_COLUMN. */
const PER_EVENT = 0.5;
const MAX_COLUMN = 5;

export function foldAxis(trace: readonly TraceEvent[]): Axis {
  const ticks: Tick[] = [];
  const gaps: Gap[] = [];
  const xs: number[] = [];
  let x = MARGIN;
  for (let start = 0; start < trace.length; ) {
    let end = start;
    while (end + 1 < trace.length && trace[end + 1]!.l1 === trace[start]!.l1) end++;
    const l1 = trace[start]!.l1;
    const previous = ticks[ticks.length - 1];
    if (previous) x = gapBefore(previous, l1, x, gaps);
    const count = end - start + 1;
    const width = Math.min(MAX_COLUMN, 1 + (count - 1) * PER_EVENT);
    for (let i = 0; i < count; i++) xs[trace[start + i]!.step] = x + ((i + 0.5) * width) / count;
    ticks.push({ l1, x0: x, x1: x + width, firstStep: trace[start]!.step, lastStep: trace[end]!.step });
    x += width;
    start = end + 1;
  }
  const lastX = x;
  const width = lastX + MARGIN + TAIL;
  const tickOfStep = (step: number) => {
    let lo = 0;
    let hi = ticks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ticks[mid]!.firstStep <= step) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    ticks,
    gaps,
    width,
    xOfStep: (step) => xs[step] ?? MARGIN,
    xOfHeight: (height, nearStep, edge) => (ticks.length === 0 ? { x: MARGIN, beyond: false } : locate(ticks, tickOfStep(nearStep), height, edge, lastX)),
  };
}

function gapBefore(previous: Tick, l1: number, x: number, gaps: Gap[]): number {
  const delta = l1 - previous.l1;
  if (delta === 1) return x + ADJACENT;
  gaps.push({ x0: x + ADJACENT, x1: x + FOLDED - ADJACENT, fromL1: previous.l1, toL1: l1, kind: delta > 1 ? 'blocks' : 'rewind' });
  return x + FOLDED;
}

/** Scans forward from the reference column for a height at or after it, backward for one before it. */
function locate(ticks: readonly Tick[], ref: number, height: number, edge: 'start' | 'end', lastX: number): { x: number; beyond: boolean } {
  const at = (t: Tick) => ({ x: edge === 'start' ? t.x0 : t.x1, beyond: false });
  if (height >= ticks[ref]!.l1) {
    for (let i = ref; i < ticks.length; i++) {
      const t = ticks[i]!;
      if (t.l1 === height) return at(t);
      const before = ticks[i - 1];
      if (i > ref && before && t.l1 > height && before.l1 < height) return { x: between(before, t, height), beyond: false };
    }
    return { x: lastX + MARGIN + TAIL * 0.75, beyond: true };
  }
  for (let i = ref; i >= 0; i--) {
    const t = ticks[i]!;
    if (t.l1 === height) return at(t);
    const after = ticks[i + 1];
    if (i < ref && after && t.l1 < height && after.l1 > height) return { x: between(t, after, height), beyond: false };
  }
  return { x: 0, beyond: false };
}

/** A height inside a folded gap lands proportionally inside it. */
function between(left: Tick, right: Tick, height: number): number {
  const fraction = (height - left.l1) / (right.l1 - left.l1);
  return left.x1 + fraction * (right.x0 - left.x1);
}
