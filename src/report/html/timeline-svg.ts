import type { Gap, Lane, Point, Rule, Span, Timeline } from '../timeline.ts';
import { compact, esc, fit, px, thousands } from './escape.ts';
import type { Scale } from './scale.ts';

const LANE_HEIGHT = 26;
const VIOLATION_ROW = 16;
const PHASE_ROW = 15;
const AXIS_ROW = 18;

export interface LaneRow {
  readonly lane: Lane;
  readonly y: number;
  readonly height: number;
}

/** Vertical layout: one label row per violation (never overlapping), phases, the L1 axis, then lanes. */
export interface TimelineLayout {
  readonly violationRows: number;
  readonly axisY: number;
  readonly rows: readonly LaneRow[];
  readonly height: number;
}

export function layoutTimeline(timeline: Timeline): TimelineLayout {
  const violationRows = timeline.rules.filter((r) => r.kind === 'violation').length;
  const axisY = violationRows * VIOLATION_ROW + PHASE_ROW;
  let y = axisY + AXIS_ROW;
  const rows = timeline.lanes.map((lane) => {
    const row = { lane, y, height: lane.rows * LANE_HEIGHT };
    y += row.height;
    return row;
  });
  return { violationRows, axisY, rows, height: y + 4 };
}

/** The swimlanes as one SVG; `section` keeps ids unique when a report holds several results. */
export function timelineSvg(timeline: Timeline, layout: TimelineLayout, scale: Scale, section: number): string {
  const parts = [
    ...layout.rows.map((r, i) => `<rect class="lane-bg${i % 2 ? ' odd' : ''}" x="0" y="${r.y}" width="${px(scale.width)}" height="${r.height}"/>`),
    ...timeline.axis.gaps.map((g) => gapSvg(g, scale, layout.axisY, layout.height)),
    axisLabels(timeline, scale, layout.axisY),
    ...timeline.rules.map((r) => ruleSvg(r, scale, layout, timeline.rules, section)),
    ...layout.rows.map((r) => laneSvg(r, scale, section)),
  ];
  return `<svg class="timeline" role="img" aria-label="timeline of ${timeline.events} trace events" width="${px(scale.width)}" height="${layout.height}" viewBox="0 0 ${px(scale.width)} ${layout.height}">${parts.join('')}</svg>`;
}

function gapSvg(gap: Gap, scale: Scale, top: number, bottom: number): string {
  const x0 = scale.x(gap.x0);
  const w = scale.x(gap.x1) - x0;
  const skipped = gap.toL1 - gap.fromL1 - 1;
  const text = gap.kind === 'blocks' ? `+${compact(skipped)}` : `↶ ${compact(gap.fromL1 - gap.toL1)}`;
  const title =
    gap.kind === 'blocks'
      ? `L1 ${thousands(gap.fromL1 + 1)}…${thousands(gap.toL1 - 1)}: ${thousands(skipped)} blocks in which nothing was recorded (skipped in O(1))`
      : `reorg: the L1 head went back from ${thousands(gap.fromL1)} to ${thousands(gap.toL1)}`;
  const shown = fit(text, w + 16);
  const label = shown ? `<text class="gap-label" x="${px(x0 + w / 2)}" y="${top + 13}" text-anchor="middle">${esc(shown)}</text>` : '';
  return `<g class="gap gap-${gap.kind}"><title>${esc(title)}</title><rect x="${px(x0)}" y="${top}" width="${px(w)}" height="${bottom - top}"/>${label}</g>`;
}

/** L1 heights at the start of columns, where there is room for them. */
function axisLabels(timeline: Timeline, scale: Scale, y: number): string {
  let free = 0;
  const labels: string[] = [];
  for (const tick of timeline.axis.ticks) {
    const x = scale.x(tick.x0);
    const text = thousands(tick.l1);
    if (x < free) continue;
    labels.push(`<text x="${px(x + 1)}" y="${y + 13}">${text}</text>`);
    free = x + text.length * 6.4 + 8;
  }
  return `<g class="axis">${labels.join('')}</g>`;
}

function ruleSvg(rule: Rule, scale: Scale, layout: TimelineLayout, rules: readonly Rule[], section: number): string {
  const x = scale.x(rule.x);
  const anchor = x > scale.width - 240 ? 'end' : 'start';
  const dx = anchor === 'end' ? -4 : 4;
  if (rule.kind === 'phase') {
    const y = layout.violationRows * VIOLATION_ROW + 11;
    return `<g class="rule rule-phase"><title>${esc(rule.detail)}</title><line x1="${px(x)}" x2="${px(x)}" y1="${y - 9}" y2="${layout.height}"/><text x="${px(x + dx)}" y="${y}" text-anchor="${anchor}">${esc(rule.label)}</text></g>`;
  }
  const index = rules.filter((r) => r.kind === 'violation').indexOf(rule);
  const y = index * VIOLATION_ROW + 12;
  const text = `✗ ${rule.label} @ step ${rule.step}`;
  return `<a href="#s${section}-${rule.step}"><g class="violation-marker" data-invariant="${esc(rule.invariant ?? rule.label)}" data-step="${rule.step}"><title>${esc(rule.detail)}</title><line x1="${px(x)}" x2="${px(x)}" y1="${y - 10}" y2="${layout.height}"/><text x="${px(x + dx)}" y="${y}" text-anchor="${anchor}">${esc(text)}</text></g></a>`;
}

function laneSvg(row: LaneRow, scale: Scale, section: number): string {
  const { lane, y } = row;
  const spans = lane.spans.map((s) => spanSvg(s, scale, section));
  const points = lane.points.map((p) => pointSvg(p, lane, scale, section));
  return `<g class="lane lane-${lane.group}" data-lane="${esc(lane.key)}" transform="translate(0 ${y})">${spans.join('')}${points.join('')}${headLabels(lane, scale)}</g>`;
}

function spanSvg(span: Span, scale: Scale, section: number): string {
  const x0 = scale.x(span.x0);
  const w = Math.max(3, scale.x(span.x1) - x0);
  const y = span.row * LANE_HEIGHT + 5;
  const note = span.open ? ` (closes at L1 ${span.toL1}, after the run ended)` : '';
  const label = fit(span.label, w - 8);
  const text = label ? `<text x="${px(x0 + 4)}" y="${y + 12}">${esc(label)}</text>` : '';
  return `<a href="#s${section}-${span.step}"><g class="span${span.open ? ' open' : ''}"><title>${esc(`step ${span.step}: ${span.label}${note}`)}</title><rect x="${px(x0)}" y="${y}" width="${px(w)}" height="${LANE_HEIGHT - 10}" rx="3"/>${text}</g></a>`;
}

function pointSvg(p: Point, lane: Lane, scale: Scale, section: number): string {
  const x = scale.x(p.x);
  const title = `step ${p.step} · L1 ${p.l1} · ${p.kind}: ${p.summary}`;
  return `<a href="#s${section}-${p.step}"><g class="mark tone-${p.tone}${p.count > 1 ? ' folded' : ''}"><title>${esc(title)}</title>${shape(p, lane, x)}</g></a>`;
}

/** A block is a bar, an adversary move a diamond, a violation a triangle, anything else a dot. */
function shape(p: Point, lane: Lane, x: number): string {
  const c = LANE_HEIGHT / 2;
  const grow = p.count > 1 ? 1.5 : 0;
  if (lane.group === 'l1' && p.kind === 'block') return `<rect x="${px(x - 1.5)}" y="${c - 7}" width="3" height="14"/>`;
  if (lane.group === 'adversary') {
    const r = 6 + grow;
    return `<path d="M${px(x)} ${c - r}L${px(x + r)} ${c}L${px(x)} ${c + r}L${px(x - r)} ${c}Z"/>`;
  }
  if (p.kind === 'violation' || p.kind === 'reorg' || p.kind === 'error') {
    const r = 6 + grow;
    return `<path d="M${px(x)} ${c - r}L${px(x + r)} ${c + r - 1}L${px(x - r)} ${c + r - 1}Z"/>`;
  }
  return `<circle cx="${px(x)}" cy="${c}" r="${4.5 + grow}"/>`;
}

/** L2 head numbers above their markers, where they do not collide. */
function headLabels(lane: Lane, scale: Scale): string {
  let free = -Infinity;
  const labels: string[] = [];
  for (const p of lane.points) {
    if (p.label === undefined) continue;
    const x = scale.x(p.x) + 6;
    if (x < free) continue;
    labels.push(`<text class="head-label" x="${px(x)}" y="10">${esc(p.label)}</text>`);
    free = x + p.label.length * 6.4 + 6;
  }
  return labels.join('');
}
