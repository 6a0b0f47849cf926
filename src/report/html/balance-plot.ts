import { formatEth, WEI_PER_ETH } from '../../l1/units.ts';
import type { BalanceLine, Timeline } from '../timeline.ts';
import { esc, px } from './escape.ts';
import type { Scale } from './scale.ts';

export const PLOT_HEIGHT = 180;
const PAD_TOP = 12;
const PAD_BOTTOM = 14;
/** Distinct line colours (CSS classes series-0…7); more lines than this reuse them. */
export const SERIES_COLOURS = 8;
const MAX_DOTS = 300;

export interface BalancePlot {
  readonly svg: string;
  /** Gridline values, for the label column beside the scrolling plot. */
  readonly gridlines: readonly { y: number; text: string }[];
  readonly legend: readonly { key: string; series: number; last: string }[];
}

/**
 * Each party's balance over the same folded axis as the timeline. A value holds until the
 * next `balance` event for its line, so the path is a staircase, never an interpolation
 * between samples the protocol did not record.
 */
export function balancePlot(timeline: Timeline, scale: Scale): BalancePlot | undefined {
  const lines = timeline.balances.filter((l) => l.points.length > 0);
  if (lines.length === 0) return undefined;
  const range = valueRange(lines);
  const y = (wei: bigint) => PAD_TOP + (1 - (toEth(wei) - range.min) / (range.max - range.min)) * (PLOT_HEIGHT - PAD_TOP - PAD_BOTTOM);
  const lastTick = timeline.axis.ticks[timeline.axis.ticks.length - 1];
  const end = scale.x(lastTick ? lastTick.x1 : timeline.axis.width);
  const gridlines = niceTicks(range.min, range.max).map((v) => ({ y: y(fromEth(v)), text: `${trimZeros(v)} ETH` }));
  const parts = [
    ...gridlines.map((g) => `<line class="grid" x1="0" x2="${px(scale.width)}" y1="${px(g.y)}" y2="${px(g.y)}"/>`),
    ...timeline.axis.gaps.map((g) => `<rect class="gap" x="${px(scale.x(g.x0))}" y="0" width="${px(scale.x(g.x1) - scale.x(g.x0))}" height="${PLOT_HEIGHT}"/>`),
    ...timeline.rules.map((r) => `<line class="rule ${r.kind === 'violation' ? 'rule-violation' : 'rule-phase'}" x1="${px(scale.x(r.x))}" x2="${px(scale.x(r.x))}" y1="0" y2="${PLOT_HEIGHT}"/>`),
    ...lines.map((line, i) => lineSvg(line, i % SERIES_COLOURS, scale, y, end)),
  ];
  return {
    svg: `<svg class="balance-plot" role="img" aria-label="balances of ${lines.length} parties over time" width="${px(scale.width)}" height="${PLOT_HEIGHT}" viewBox="0 0 ${px(scale.width)} ${PLOT_HEIGHT}">${parts.join('')}</svg>`,
    gridlines,
    legend: lines.map((line, i) => ({ key: line.key, series: i % SERIES_COLOURS, last: formatEth(line.points[line.points.length - 1]!.wei) })),
  };
}

function lineSvg(line: BalanceLine, series: number, scale: Scale, y: (wei: bigint) => number, end: number): string {
  const first = line.points[0]!;
  let d = `M${px(scale.x(first.x))} ${px(y(first.wei))}`;
  for (const p of line.points.slice(1)) d += `H${px(scale.x(p.x))}V${px(y(p.wei))}`;
  d += `H${px(Math.max(end, scale.x(line.points[line.points.length - 1]!.x)))}`;
  // Past a few hundred samples the dots would hide the line; the path alone is exact.
  const dots = (line.points.length > MAX_DOTS ? [] : line.points).map(
    (p) => `<circle cx="${px(scale.x(p.x))}" cy="${px(y(p.wei))}" r="3"><title>${esc(`${line.key}: ${formatEth(p.wei)} (step ${p.step}, L1 ${p.l1})`)}</title></circle>`,
  );
  return `<g class="balance-line series-${series}" data-party="${esc(line.key)}"><path d="${d}"/>${dots.join('')}</g>`;
}

function valueRange(lines: readonly BalanceLine[]): { min: number; max: number } {
  const values = lines.flatMap((l) => l.points.map((p) => toEth(p.wei)));
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  return max > min ? { min, max: max + (max - min) * 0.08 } : { min, max: min + 1 };
}

function toEth(wei: bigint): number {
  return Number(wei) / Number(WEI_PER_ETH);
}

function fromEth(value: number): bigint {
  return BigInt(Math.round(value * 1e6)) * (WEI_PER_ETH / 1_000_000n);
}

/** Four or five round gridline values (1, 2 or 5 × 10^k apart) across the range. */
export function niceTicks(min: number, max: number): number[] {
  const rough = (max - min) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function trimZeros(value: number): string {
  return String(Number(value.toPrecision(10)));
}
