import type { BalanceMark, L2HeadMark, L2HeadName, TraceEvent, WindowMark } from '../kernel/trace.ts';
import { foldAxis, type Axis } from './timeline/axis.ts';

export type { Axis, Gap, Tick } from './timeline/axis.ts';

/**
 * A trace turned into what a timeline draws: lanes of points and spans on one folded axis
 * of L1 heights, vertical rules for phases and violations, and balance lines. Pure data:
 * the HTML renderer only scales and draws it, so any protocol's trace works.
 */
export interface Timeline {
  readonly axis: Axis;
  readonly lanes: readonly Lane[];
  readonly rules: readonly Rule[];
  readonly balances: readonly BalanceLine[];
  readonly events: number;
}

export type Tone = 'muted' | 'neutral' | 'info' | 'good' | 'warn' | 'bad' | 'adversary';
export type LaneGroup = 'l1' | 'l2' | 'window' | 'actor' | 'adversary' | 'kernel' | 'checker';

export interface Point {
  readonly x: number;
  readonly step: number;
  readonly l1: number;
  readonly kind: string;
  readonly summary: string;
  readonly tone: Tone;
  /** How many events this marker stands for (more than 1 once a crowded lane is folded). */
  readonly count: number;
  /** A short text drawn beside the marker (an L2 head number). */
  readonly label?: string;
}

export interface Span {
  readonly x0: number;
  readonly x1: number;
  readonly row: number;
  readonly step: number;
  readonly fromL1: number;
  readonly toL1: number;
  readonly label: string;
  /** The window closes after the run's last event: drawn open-ended. */
  readonly open: boolean;
}

export interface Lane {
  readonly key: string;
  readonly label: string;
  readonly group: LaneGroup;
  readonly points: readonly Point[];
  readonly spans: readonly Span[];
  /** Stacked rows (overlapping windows); 1 for every other lane. */
  readonly rows: number;
  /** Events on this lane before crowded stretches were folded into shared markers. */
  readonly total: number;
}

export interface Rule {
  readonly x: number;
  readonly step: number;
  readonly kind: 'phase' | 'violation';
  readonly label: string;
  readonly detail: string;
  readonly invariant?: string;
}

export interface BalancePoint {
  readonly x: number;
  readonly step: number;
  readonly l1: number;
  readonly wei: bigint;
}

export interface BalanceLine {
  readonly key: string;
  readonly party: string;
  readonly ledger?: string;
  readonly points: readonly BalancePoint[];
}

export interface TimelineOptions {
  /**
   * Most markers one lane keeps; past it, events that fall close together share one marker.
   * @defaultValue 300
   */
  markerCap?: number;
  /** The result's violations, when known; otherwise read from the trace's `violation` events. */
  violations?: readonly { invariant: string; step: number; message: string }[];
}

const GROUP_ORDER: readonly LaneGroup[] = ['l1', 'l2', 'window', 'actor', 'adversary', 'kernel', 'checker'];
const L2_HEADS: readonly L2HeadName[] = ['soft', 'safe', 'final'];
const SEVERITY: readonly Tone[] = ['muted', 'neutral', 'info', 'good', 'warn', 'adversary', 'bad'];

export function buildTimeline(trace: readonly TraceEvent[], options: TimelineOptions = {}): Timeline {
  const axis = foldAxis(trace);
  const lanes = new LaneSet();
  const windows = new Map<string, { event: TraceEvent; mark: WindowMark }>();
  const balances = new Map<string, { party: string; ledger?: string; points: BalancePoint[] }>();
  for (const event of trace) {
    const x = axis.xOfStep(event.step);
    const window = asWindow(event);
    const balance = asBalance(event);
    if (window) {
      windows.set(`${window.name}\u0000${window.id ?? `#${event.step}`}`, { event, mark: window });
    } else if (balance) {
      const key = balance.ledger ? `${balance.party} · ${balance.ledger}` : balance.party;
      const line = balances.get(key) ?? { party: balance.party, ledger: balance.ledger, points: [] };
      line.points.push({ x, step: event.step, l1: event.l1, wei: BigInt(balance.wei) });
      balances.set(key, line);
    } else {
      const lane = laneOf(event);
      lanes.point(lane, pointOf(event, x));
    }
  }
  for (const { event, mark } of windows.values()) lanes.span(windowLane(mark.name), spanOf(axis, event, mark));
  return {
    axis,
    lanes: lanes.finish(options.markerCap ?? 300, axis.width),
    rules: rulesOf(trace, axis, options.violations),
    balances: [...balances.entries()].map(([key, line]) => ({ key, ...line })),
    events: trace.length,
  };
}

interface LaneId {
  key: string;
  label: string;
  group: LaneGroup;
}

function laneOf(event: TraceEvent): LaneId {
  const head = asL2Head(event);
  if (head) return { key: `l2:${head.head}`, label: `L2 ${head.head} head`, group: 'l2' };
  if (event.kind === 'violation' || event.actor === 'checker') return { key: 'checker', label: 'checkers', group: 'checker' };
  if (['block', 'skip', 'reorg'].includes(event.kind) || event.actor === 'l1') return { key: 'l1', label: 'L1 blocks', group: 'l1' };
  if (event.kind === 'adversary' || event.actor === 'adversary') return { key: 'adversary', label: 'adversary', group: 'adversary' };
  if (event.actor === 'kernel') return { key: 'kernel', label: 'kernel', group: 'kernel' };
  return { key: `actor:${event.actor}`, label: event.actor, group: 'actor' };
}

function windowLane(name: string): LaneId {
  return { key: `window:${name}`, label: `${name} window`, group: 'window' };
}

function pointOf(event: TraceEvent, x: number): Point {
  const head = asL2Head(event);
  const base = { x, step: event.step, l1: event.l1, kind: event.kind, summary: event.summary, tone: toneOf(event), count: 1 };
  return head ? { ...base, label: String(head.number) } : base;
}

function toneOf(event: TraceEvent): Tone {
  switch (event.kind) {
    case 'violation':
    case 'error':
    case 'reorg':
      return 'bad';
    case 'adversary':
      return 'adversary';
    case 'remove':
      return 'warn';
    case 'skip':
      return 'muted';
    case 'phase':
    case 'tx':
      return 'info';
    case 'block':
      return blockTone(event);
    case 'l2-head':
      return asL2Head(event)?.head === 'final' ? 'good' : 'info';
    default:
      return 'neutral';
  }
}

/** A block with a reverted call is worth a look; an empty one is background. */
function blockTone(event: TraceEvent): Tone {
  const txs = (event.data as { txs?: { status?: string }[] } | undefined)?.txs;
  if (Array.isArray(txs)) {
    if (txs.some((t) => t?.status === 'reverted')) return 'warn';
    return txs.length === 0 ? 'muted' : 'neutral';
  }
  return event.summary.includes('✗') ? 'warn' : 'neutral';
}

function spanOf(axis: Axis, event: TraceEvent, mark: WindowMark): Span {
  const from = axis.xOfHeight(mark.fromL1, event.step, 'start');
  const to = axis.xOfHeight(mark.toL1, event.step, 'end');
  const who = mark.party ? `${mark.party}: ` : '';
  return { x0: from.x, x1: Math.max(to.x, from.x), row: 0, step: event.step, fromL1: mark.fromL1, toL1: mark.toL1, label: `${who}L1 ${mark.fromL1}…${mark.toL1}`, open: to.beyond };
}

function rulesOf(trace: readonly TraceEvent[], axis: Axis, violations: TimelineOptions['violations']): Rule[] {
  const rules: Rule[] = [];
  for (const event of trace) {
    if (event.kind !== 'phase') continue;
    rules.push({ x: axis.xOfStep(event.step), step: event.step, kind: 'phase', label: event.summary.split(':')[0]!, detail: event.summary });
  }
  const found = violations ?? trace.filter((e) => e.kind === 'violation').map((e) => ({ invariant: e.summary.split(':')[0]!, step: e.step, message: e.summary }));
  for (const v of found) {
    if (v.step < 0 || v.step >= trace.length) continue;
    rules.push({ x: axis.xOfStep(v.step), step: v.step, kind: 'violation', label: v.invariant, detail: v.message, invariant: v.invariant });
  }
  return rules.sort((a, b) => a.step - b.step);
}

/** Lanes in a fixed order: L1, L2 heads, windows, actors (by first appearance), adversary, kernel, checkers. */
class LaneSet {
  private readonly lanes = new Map<string, { id: LaneId; first: number; points: Point[]; spans: Span[] }>();

  point(id: LaneId, point: Point): void {
    this.lane(id, point.step).points.push(point);
  }

  span(id: LaneId, span: Span): void {
    this.lane(id, span.step).spans.push(span);
  }

  finish(markerCap: number, width: number): Lane[] {
    return [...this.lanes.values()]
      .sort((a, b) => rank(a.id) - rank(b.id) || a.first - b.first)
      .map(({ id, points, spans }) => {
        const stacked = stack(spans);
        return { ...id, points: foldCrowded(points, markerCap, width), spans: stacked.spans, rows: stacked.rows, total: points.length + spans.length };
      });
  }

  private lane(id: LaneId, step: number) {
    const existing = this.lanes.get(id.key);
    if (existing) return existing;
    const created = { id, first: step, points: [] as Point[], spans: [] as Span[] };
    this.lanes.set(id.key, created);
    return created;
  }
}

function rank(id: LaneId): number {
  const group = GROUP_ORDER.indexOf(id.group) * 10;
  return id.group === 'l2' ? group + L2_HEADS.indexOf(id.key.slice(3) as L2HeadName) : group;
}

/** Overlapping windows of one name go on separate rows, first fit. */
function stack(spans: readonly Span[]): { spans: Span[]; rows: number } {
  const ends: number[] = [];
  const placed = [...spans]
    .sort((a, b) => a.x0 - b.x0 || a.step - b.step)
    .map((span) => {
      let row = ends.findIndex((end) => end < span.x0);
      if (row < 0) row = ends.length;
      ends[row] = span.x1;
      return { ...span, row };
    });
  return { spans: placed, rows: Math.max(1, ends.length) };
}

/**
 * Keeps a lane's markers under the cap for long traces: the axis is cut into `cap` equal
 * buckets and each bucket's events share one marker, shown with its most severe tone.
 */
export function foldCrowded(points: readonly Point[], cap: number, width: number): Point[] {
  if (points.length <= cap) return [...points];
  const buckets = new Map<number, Point[]>();
  for (const p of points) {
    const bucket = Math.min(cap - 1, Math.floor((p.x / Math.max(width, 1e-9)) * cap));
    const members = buckets.get(bucket);
    if (members) members.push(p);
    else buckets.set(bucket, [p]);
  }
  return [...buckets.keys()]
    .sort((a, b) => a - b)
    .map((b) => {
      const members = buckets.get(b)!;
      const worst = members.reduce((w, p) => (SEVERITY.indexOf(p.tone) > SEVERITY.indexOf(w.tone) ? p : w));
      if (members.length === 1) return worst;
      const last = members[members.length - 1]!;
      return { ...worst, count: members.length, summary: `${members.length} events, steps ${members[0]!.step}…${last.step}; most notable: ${worst.summary}` };
    });
}

function asWindow(event: TraceEvent): WindowMark | undefined {
  if (event.kind !== 'window') return undefined;
  const d = event.data as Partial<WindowMark> | undefined;
  if (typeof d?.name !== 'string' || !Number.isSafeInteger(d.fromL1) || !Number.isSafeInteger(d.toL1)) return undefined;
  return d as WindowMark;
}

function asBalance(event: TraceEvent): BalanceMark | undefined {
  if (event.kind !== 'balance') return undefined;
  const d = event.data as { party?: unknown; wei?: unknown; ledger?: unknown } | undefined;
  if (typeof d?.party !== 'string') return undefined;
  const wei = typeof d.wei === 'bigint' || (typeof d.wei === 'number' && Number.isSafeInteger(d.wei)) ? String(d.wei) : d.wei;
  if (typeof wei !== 'string' || !/^-?\d+$/.test(wei)) return undefined;
  return { party: d.party, wei, ...(typeof d.ledger === 'string' ? { ledger: d.ledger } : {}) };
}

function asL2Head(event: TraceEvent): L2HeadMark | undefined {
  if (event.kind !== 'l2-head') return undefined;
  const d = event.data as Partial<L2HeadMark> | undefined;
  if (!d || !L2_HEADS.includes(d.head as L2HeadName) || !Number.isSafeInteger(d.number)) return undefined;
  return d as L2HeadMark;
}
